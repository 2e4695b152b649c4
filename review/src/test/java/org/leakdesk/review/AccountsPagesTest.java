package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
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
 * The admin's accounts page over real HTTP: an account created with its password shown once,
 * roles changed (the member's session ends, the new roles hold at once after signing in again,
 * an auditor reaches no case), combinations that would let an auditor or admin read documents
 * refused; and a member making new recovery codes for themselves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AccountsPagesTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    AccessLog accessLog;

    @Test
    void anAdminCreatesAnAccountAndChangesItsRoles() throws Exception {
        TestStaff admin = TestStaff.create(accounts, "creator", StaffRole.ADMIN);
        StaffClient administering = admin.signIn(staff());
        String username = "new-" + UUID.randomUUID().toString().substring(0, 8);

        administering.page("/admin/accounts");
        HttpResponse<String> created =
                administering.post("/admin/accounts", Map.of("username", username, "roles", "REVIEWER"));

        assertThat(created.statusCode()).isEqualTo(200);
        Document shown = Jsoup.parse(created.body());
        assertThat(shown.selectFirst("#created-username").text()).isEqualTo(username);
        String password = shown.selectFirst("#initial-password").text();
        assertThat(password).hasSize(20);
        assertThat(administering.get("/admin/accounts").body())
                .as("shown once")
                .contains(username)
                .doesNotContain(password);

        StaffClient member = StaffClient.signIn(staff(), username, password);
        assertThat(member.get("/inbox").statusCode()).isEqualTo(200);

        administering.page("/admin/accounts");
        HttpResponse<String> changed =
                administering.post("/admin/accounts/" + username + "/roles", Map.of("roles", "AUDITOR"));
        assertThat(StaffClient.location(changed)).isEqualTo("/admin/accounts?roles=" + username);
        assertThat(administering
                        .page("/admin/accounts?roles=" + username)
                        .select("#done")
                        .text())
                .isEqualTo("Changed the roles of " + username
                        + ": the new roles hold from their next sign-in; their sessions have ended.");
        // A crafted link cannot make the page report a change that did not happen.
        assertThat(administering.page("/admin/accounts?disabled=" + username).select("#done"))
                .as("the account is enabled")
                .isEmpty();
        assertThat(administering
                        .page("/admin/accounts?roles=nobody-of-that-name")
                        .select("#done"))
                .isEmpty();
        assertThat(StaffClient.location(member.get("/inbox")))
                .as("the member's session ends with the change")
                .isEqualTo("/login?ended");

        StaffClient auditing = StaffClient.signIn(staff(), username, password);
        assertThat(auditing.follow("/")).isEqualTo("/audit");
        assertThat(auditing.get("/inbox").statusCode()).isEqualTo(403);
        assertThat(auditing.get("/cases/" + UUID.randomUUID()).statusCode())
                .as("an auditor opens no case")
                .isEqualTo(403);

        assertThat(accessLog.entries(new AccessLogQuery(admin.username(), null, null, 20)))
                .extracting(AccessLogEntry::action)
                .contains(InfraAccessAction.ACCOUNT_CREATED, InfraAccessAction.ROLES_CHANGED);
        assertThat(accessLog.entries(new AccessLogQuery(admin.username(), null, null, 20)))
                .extracting(AccessLogEntry::detail)
                .noneMatch(detail -> detail.contains(password));
    }

    @Test
    void refusedChangesSayWhyAndChangeNothing() throws Exception {
        TestStaff admin = TestStaff.create(accounts, "refuser", StaffRole.ADMIN);
        TestStaff reviewer = TestStaff.create(accounts, "kept", StaffRole.REVIEWER);
        StaffClient administering = admin.signIn(staff());
        administering.page("/admin/accounts");

        HttpResponse<String> mixed = administering.postAll(
                "/admin/accounts/" + reviewer.username() + "/roles", List.of("roles", "ADMIN", "roles", "REVIEWER"));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(mixed.body()).selectFirst("#roles-error").text()).contains("never read documents");
        assertThat(accounts.find(reviewer.username()).orElseThrow().roles()).containsExactly(StaffRole.REVIEWER);

        administering.page("/admin/accounts");
        HttpResponse<String> taken =
                administering.postAll("/admin/accounts", List.of("username", reviewer.username(), "roles", "EDITOR"));
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(taken.body()).selectFirst("#create-error").text())
                .contains("taken");
        assertThat(accounts.find(reviewer.username()).orElseThrow().roles()).containsExactly(StaffRole.REVIEWER);

        String other = "mixed-" + UUID.randomUUID().toString().substring(0, 8);
        administering.page("/admin/accounts");
        HttpResponse<String> auditingEditor = administering.postAll(
                "/admin/accounts", List.of("username", other, "roles", "AUDITOR", "roles", "EDITOR"));
        assertThat(auditingEditor.statusCode()).isEqualTo(400);
        assertThat(accounts.find(other)).isEmpty();

        StaffClient reviewing = reviewer.signIn(staff());
        assertThat(reviewing.get("/admin/accounts").statusCode()).isEqualTo(403);
        assertThat(reviewing
                        .postAll("/admin/accounts", List.of("username", other, "roles", "ADMIN"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(accounts.find(other)).isEmpty();
    }

    @Test
    void aMemberMakesNewRecoveryCodesWithACodeFromTheirApp() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "codes", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(staff());
        List<String> old = TestAuthenticator.recoveryCodes(staff(), reviewer.username());

        Document account = reviewing.page("/account");
        assertThat(account.selectFirst("#recovery-codes-left").text()).isEqualTo("10");
        assertThat(account.select("label[for=code]")).hasSize(1);

        HttpResponse<String> wrong = reviewing.post("/account/recovery-codes", Map.of("code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(wrong.body()).selectFirst("#wrong-code")).isNotNull();

        reviewing.page("/account");
        HttpResponse<String> replaced = reviewing.post(
                "/account/recovery-codes", Map.of("code", TestAuthenticator.nextCode(staff(), reviewer.username())));
        assertThat(replaced.statusCode()).isEqualTo(200);
        List<String> fresh =
                Jsoup.parse(replaced.body()).select("#recovery-codes code").eachText();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(old);

        StaffClient withOld = StaffClient.anonymous(staff());
        withOld.attemptSignIn(reviewer.username(), reviewer.password());
        withOld.page("/login/code");
        assertThat(StaffClient.location(withOld.post("/login/recovery", Map.of("recoveryCode", old.get(0)))))
                .isEqualTo("/login/code?wrongrecovery");
        assertThat(StaffClient.location(withOld.post("/login/recovery", Map.of("recoveryCode", fresh.get(0)))))
                .isEqualTo("/");
        assertThat(accessLog.entries(
                        new AccessLogQuery(reviewer.username(), InfraAccessAction.RECOVERY_CODES_REPLACED, null, 5)))
                .hasSize(1);
    }

    private int staff() {
        return ports.portOf(Face.STAFF);
    }
}
