package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo story over real HTTP: the leaked planning document arrives, a reviewer asks six outside
 * agencies to verify it, each answers through its one-time link, a second reviewer assesses the
 * round, an editor who did neither publishes, and the publication package carries the tally and
 * the hashes. A case rejected instead is destroyed when its retention period ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleStoryTest {

    private static final int AGENCIES = 6;

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    CaseInbox cases;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void sixAgenciesVerifyTheDocumentAndASecondEditorPublishesIt() throws Exception {
        byte[] report = Files.readAllBytes(SharedFiles.sample(SharedFiles.PORAVALIT));
        TestStaff triager = TestStaff.create(accounts, "triager", StaffRole.REVIEWER);
        TestStaff assessor = TestStaff.create(accounts, "assessor", StaffRole.REVIEWER, StaffRole.EDITOR);
        TestStaff editor = TestStaff.create(accounts, "editor", StaffRole.EDITOR);
        int staff = ports.portOf(Face.STAFF);
        UUID caseId = submit(report);

        StaffClient reviewing = triager.signIn(staff);
        Document casePage = claimAndOpen(reviewing, caseId, "TRIAGE");
        post(reviewing, casePage, "form[action$=/triage]", Map.of("outcome", "REQUEST_VERIFICATION"));
        casePage = reviewing.page("/cases/" + caseId);
        assertThat(casePage.selectFirst("#verification-task"))
                .as("the triager writes the requests")
                .isNotNull();
        String deadline = LocalDate.now(ZoneOffset.UTC).plusDays(14).toString();
        for (int i = 1; i <= AGENCIES; i++) {
            post(
                    reviewing,
                    casePage,
                    "#add-request",
                    Map.of(
                            "organisation",
                            "Intelligence agency " + i,
                            "contact",
                            "Liaison officer " + i,
                            "question",
                            "Is this planning document authentic?",
                            "sharing",
                            "EXCERPT",
                            "excerpt",
                            "Page 1: the heading and the first paragraph.",
                            "deadline",
                            deadline));
            casePage = reviewing.page("/cases/" + caseId);
        }
        assertThat(casePage.selectFirst("#send-requests").text()).contains(String.valueOf(AGENCIES));
        HttpResponse<String> sent = post(reviewing, casePage, "form[action$=/verification-requests/send]", Map.of());
        assertThat(sent.statusCode()).isEqualTo(200);
        List<String> links = Jsoup.parse(sent.body()).select(".verifier-link").eachText();
        assertThat(links).hasSize(AGENCIES).doesNotHaveDuplicates().noneMatch(link -> link.contains(caseId.toString()));

        StaffClient outside = StaffClient.anonymous(staff);
        for (String link : links) {
            String path = URI.create(link).getPath();
            HttpResponse<String> question = outside.get(path);
            assertThat(question.statusCode()).isEqualTo(200);
            assertThat(question.headers().firstValue("Set-Cookie"))
                    .as("no session for a verifier")
                    .isEmpty();
            assertThat(question.body())
                    .contains("Is this planning document authentic?")
                    .doesNotContain(caseId.toString());
            HttpResponse<String> answered = outside.post(path, Map.of("verdict", "CONFIRMED", "comment", "Authentic."));
            assertThat(answered.statusCode()).isIn(200, 302, 303);
            assertThat(outside.get(path).statusCode()).as("a link works once").isEqualTo(404);
        }

        StaffClient assessing = assessor.signIn(staff);
        casePage = claimAndOpen(assessing, caseId, "ASSESSMENT");
        assertThat(casePage.selectFirst(".assessment-tally").text())
                .isEqualTo("6 of 6 confirmed, 0 disputed, 0 no answer");
        post(
                assessing,
                casePage,
                "form[action$=/assessment]",
                Map.of("recommendation", "PUBLISH", "summary", "Six agencies confirm it; the metadata agrees."));
        assertThat(openTaskRow(assessing, caseId, "EDITORIAL_DECISION"))
                .as("four-eyes: the assessor is no candidate for the decision")
                .isNull();

        StaffClient editing = editor.signIn(staff);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> openTaskRow(editing, caseId, "EDITORIAL_DECISION"), row -> row != null);
        casePage = claimAndOpen(editing, caseId, "EDITORIAL_DECISION");
        post(editing, casePage, "form[action$=/decision]", Map.of("outcome", "PUBLISH"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> cases.status(caseId, editor.member()).stage() == CaseStage.PUBLISHED);

        HttpResponse<byte[]> download = editing.download("/cases/" + caseId + "/publication-package");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        Map<String, String> zip = unzip(download.body());
        assertThat(zip).containsKey("provenance-report.txt");
        assertThat(zip.get("provenance-report.txt"))
                .contains("6 of 6 confirmed, 0 disputed, 0 no answer")
                .contains(sha256(report))
                .contains("Editorial decision by " + editor.username() + ": Publish")
                .contains("Assessment by " + assessor.username())
                .contains("Intelligence agency 6 (Liaison officer 6)")
                .contains("through their link");
    }

    @Test
    void aRejectedCaseIsDestroyedWhenItsRetentionPeriodEnds() throws Exception {
        TestStaff triager = TestStaff.create(accounts, "triager", StaffRole.REVIEWER);
        int staff = ports.portOf(Face.STAFF);
        UUID caseId = submit("A forgery, as it turns out.".getBytes(StandardCharsets.UTF_8));
        StaffClient reviewing = triager.signIn(staff);
        Document casePage = claimAndOpen(reviewing, caseId, "TRIAGE");
        HttpResponse<String> rejected = post(
                reviewing,
                casePage,
                "form[action$=/triage]",
                Map.of("outcome", "REJECT", "reason", "A known forgery."));
        assertThat(rejected.statusCode()).isEqualTo(302);
        casePage = reviewing.page("/cases/" + caseId);
        assertThat(casePage.selectFirst("#destruction")).isNotNull();
        assertThat(keys(caseId)).isPositive();

        Instant destroyAt = cases.status(caseId, triager.member()).destroyAt();
        ClockUtil.setCurrentTime(Date.from(destroyAt.plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> cases.status(caseId, triager.member()).stage() == CaseStage.DESTROYED);

        Document destroyed = reviewing.page("/cases/" + caseId);
        assertThat(destroyed.selectFirst("#stage").text()).isEqualTo(CaseStage.DESTROYED.label());
        assertThat(destroyed.select(".document")).as("nothing left to show").isEmpty();
        assertThat(keys(caseId)).as("no wrapped key of the case is left").isZero();
    }

    private long keys(UUID caseId) {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM submission_file WHERE submission_id = :id AND content_key IS NOT NULL)
                             + (SELECT COUNT(*) FROM submission_file_metadata m JOIN submission_file f ON f.id = m.file_id
                                   WHERE f.submission_id = :id)""").param("id", caseId).query(Long.class).single();
    }

    /** Uploads a document through the source API and returns its case once the process has started. */
    private UUID submit(byte[] document) throws Exception {
        List<UUID> before = submissions();
        Multipart body = new Multipart().file("files", "document.txt", "text/plain", document);
        HttpResponse<String> upload = SourceApi.submit(ports.portOf(Face.SOURCE), body);
        assertThat(upload.statusCode()).isEqualTo(201);
        UUID caseId = submissions().stream()
                .filter(id -> !before.contains(id))
                .findFirst()
                .orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM review_case WHERE case_id = ?")
                                .param(caseId)
                                .query(Long.class)
                                .single()
                        == 1);
        return caseId;
    }

    private List<UUID> submissions() {
        return jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
    }

    private Document claimAndOpen(StaffClient client, UUID caseId, String kind) throws Exception {
        Element row = await().atMost(Duration.ofSeconds(60))
                .until(() -> openTaskRow(client, caseId, kind), found -> found != null);
        HttpResponse<String> claimed = client.post(row.selectFirst("form").attr("action"), Map.of());
        assertThat(StaffClient.location(claimed)).isEqualTo("/cases/" + caseId);
        return client.page("/cases/" + caseId);
    }

    private static Element openTaskRow(StaffClient client, UUID caseId, String kind) throws Exception {
        return client.page("/inbox").selectFirst("tr[data-case=" + caseId + "][data-kind=" + kind + "]");
    }

    private static HttpResponse<String> post(StaffClient client, Document page, String form, Map<String, String> fields)
            throws Exception {
        Element element = page.selectFirst(form);
        assertThat(element).as("form %s", form).isNotNull();
        Element target = element.is("form") ? element : element.closest("form");
        Map<String, String> values = new HashMap<>();
        for (Element hidden : target.select("input[type=hidden]")) {
            if (!hidden.attr("name").equals("_csrf")) {
                values.put(hidden.attr("name"), hidden.val());
            }
        }
        values.putAll(fields);
        return client.post(target.attr("action"), values);
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
