package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The fresh check before a document leaves the desk, over real HTTP: a download asks for the
 * password and a new authenticator code first, a wrong one keeps it closed, a right one opens it
 * for the configured time (3 seconds here), and the check is in the access log.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "leakdesk.staff.session.fresh-check-validity=3s")
class FreshCheckTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    AccessLog accessLog;

    @Test
    void aDownloadWaitsForThePasswordAndANewCodeWhichHoldForAWhile() throws Exception {
        TestStaff editor = TestStaff.create(accounts, "fresh", StaffRole.EDITOR);
        StaffClient editing = editor.signIn(staff());
        String download = "/cases/" + UUID.randomUUID() + "/publication-package";
        String confirm = "/confirm?next=" + URLEncoder.encode(download, StandardCharsets.UTF_8);

        assertThat(StaffClient.location(editing.rawDownload(download))).isEqualTo(confirm);
        Document form = editing.page(confirm);
        assertThat(form.selectFirst("input[name=next]").val()).isEqualTo(download);
        assertThat(form.select("label[for=password], label[for=code]")).hasSize(2);

        HttpResponse<String> wrong =
                editing.post("/confirm", Map.of("password", "not my password", "code", "123456", "next", download));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(wrong.body()).selectFirst("#wrong")).isNotNull();
        assertThat(StaffClient.location(editing.rawDownload(download))).isEqualTo(confirm);

        HttpResponse<String> confirmed = editing.confirm(confirm);
        assertThat(StaffClient.location(confirmed)).isEqualTo(download);
        assertThat(editing.rawDownload(download).statusCode())
                .as("past the check: the case itself answers (not given to this editor)")
                .isEqualTo(404);
        assertThat(accessLog.entries(
                        new AccessLogQuery(editor.username(), InfraAccessAction.SIGN_IN_CONFIRMED, null, 10)))
                .hasSize(1);
        assertThat(accessLog.entries(
                        new AccessLogQuery(editor.username(), InfraAccessAction.STAFF_LOGIN_FAILED, null, 10)))
                .hasSize(1);

        Thread.sleep(3_500); // longer than the check holds here
        assertThat(StaffClient.location(editing.rawDownload(download))).isEqualTo(confirm);
    }

    @Test
    void theCheckReturnsOnlyToAPathOnThisSite() throws Exception {
        StaffClient reviewing =
                TestStaff.create(accounts, "nowhere", StaffRole.REVIEWER).signIn(staff());

        for (String elsewhere :
                new String[] {"//evil.example/x", "https://evil.example/", "/\\evil.example", "inbox"}) {
            Document form = reviewing.page("/confirm?next=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8));
            assertThat(form.selectFirst("input[name=next]").val()).as(elsewhere).isEqualTo("/");
        }
        assertThat(StaffClient.anonymous(staff()).get("/confirm").statusCode())
                .as("only a signed-in member")
                .isEqualTo(302);
    }

    private int staff() {
        return ports.portOf(Face.STAFF);
    }
}
