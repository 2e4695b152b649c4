package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Who may open which staff page, on which port; the four-eyes rule as a person meets it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffFacesTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    SubmissionIntake intake;

    @Autowired
    AccessLog accessLog;

    TestStaff reviewer;
    TestStaff editor;
    TestStaff auditor;
    TestStaff admin;
    TestStaff reviewingEditor;
    StaffClient reviewing;
    StaffClient editing;
    StaffClient auditing;
    StaffClient administering;
    UUID caseId;
    String triageTask;

    @BeforeAll
    void staffAndACase() throws Exception {
        reviewer = TestStaff.create(accounts, "rev", StaffRole.REVIEWER);
        editor = TestStaff.create(accounts, "ed", StaffRole.EDITOR);
        auditor = TestStaff.create(accounts, "aud", StaffRole.AUDITOR);
        admin = TestStaff.create(accounts, "adm", StaffRole.ADMIN);
        reviewingEditor = TestStaff.create(accounts, "both", StaffRole.REVIEWER, StaffRole.EDITOR);
        reviewing = reviewer.signIn(staff());
        editing = editor.signIn(staff());
        auditing = auditor.signIn(staff());
        administering = admin.signIn(staff());
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("minutes.txt", "text/plain", new ByteArrayInputStream("minutes of a meeting".getBytes()));
            caseId = draft.commit().submissionId();
        }
        Element row = await().atMost(Duration.ofSeconds(60))
                .until(() -> reviewing.page("/inbox").selectFirst("tr[data-case=" + caseId + "]"), r -> r != null);
        triageTask = taskId(row);
    }

    @Test
    void eachRoleStartsOnItsOwnPage() throws Exception {
        assertThat(reviewing.follow("/")).isEqualTo("/inbox");
        assertThat(editing.follow("/")).isEqualTo("/inbox");
        assertThat(auditing.follow("/")).isEqualTo("/audit");
        assertThat(administering.follow("/")).isEqualTo("/admin/accounts");
    }

    @Test
    void pagesAnswerOnlyTheRolesTheyAreFor() throws Exception {
        assertStatus("/inbox", 200, 200, 403, 403);
        assertStatus("/audit", 403, 403, 200, 403);
        assertStatus("/admin/accounts", 403, 403, 403, 200);
        assertStatus("/cases/" + caseId, 200, 404, 403, 403);
        assertStatus("/cases/" + UUID.randomUUID(), 404, 404, 403, 403);
    }

    @Test
    void aSignedOutVisitorIsSentToSignIn() throws Exception {
        StaffClient anonymous = StaffClient.anonymous(staff());
        for (String page : new String[] {"/", "/inbox", "/cases/" + caseId, "/audit", "/admin/accounts"}) {
            HttpResponse<String> response = anonymous.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(StaffClient.location(response)).as(page).isEqualTo("/login");
        }
    }

    @Test
    void aReviewerCannotTakeTheEditorialDecisionAndAnAuditorCannotClaim() throws Exception {
        assertThat(reviewing
                        .post(
                                "/tasks/" + triageTask + "/decision",
                                Map.of("outcome", "PUBLISH", "caseId", caseId.toString()))
                        .statusCode())
                .isEqualTo(403);
        assertThat(auditing.post("/tasks/" + triageTask + "/claim", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(editing.post(
                                "/tasks/" + triageTask + "/triage",
                                Map.of("outcome", "REJECT", "reason", "Not for us.", "caseId", caseId.toString()))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void whoeverTriagedIsRefusedTheEditorialDecision() throws Exception {
        UUID ownCase;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("plan.txt", "text/plain", new ByteArrayInputStream("a plan".getBytes()));
            ownCase = draft.commit().submissionId();
        }
        StaffClient both = reviewingEditor.signIn(staff());
        Element row = await().atMost(Duration.ofSeconds(60))
                .until(() -> both.page("/inbox").selectFirst("tr[data-case=" + ownCase + "]"), r -> r != null);
        both.post("/tasks/" + taskId(row) + "/claim", Map.of());
        String triage = both.page("/cases/" + ownCase)
                .selectFirst("form[action$=/triage]")
                .attr("action");
        both.post(triage, Map.of("outcome", "SEND_TO_EDITOR", "caseId", ownCase.toString()));

        Element decision = await().atMost(Duration.ofSeconds(30))
                .until(() -> editing.page("/inbox").selectFirst("tr[data-case=" + ownCase + "]"), r -> r != null);
        assertThat(both.page("/inbox").select("tr[data-case=" + ownCase + "]"))
                .as("not offered to who triaged")
                .isEmpty();
        assertThat(both.page("/cases/" + ownCase).select("form[action$=/claim], form[action$=/decision]"))
                .isEmpty();
        HttpResponse<String> refused = both.post("/tasks/" + taskId(decision) + "/claim", Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(refused.body()).text()).contains("four-eyes");
    }

    @Test
    void staffPagesAreNotFoundOnTheSourcePort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path :
                new String[] {"/login", "/inbox", "/cases/" + caseId, "/audit", "/admin/accounts", "/review/staff.css"
                }) {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(source(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("LeakDesk staff");
        }
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(source("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=" + reviewer.username() + "&password=" + reviewer.password()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isIn(403, 404);
        assertThat(login.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("LEAKDESK_STAFF"));
    }

    @Test
    void sourcePagesAreNotFoundOnTheStaffPortSignedInOrNot() throws Exception {
        for (StaffClient client : new StaffClient[] {reviewing, StaffClient.anonymous(staff())}) {
            assertThat(client.get("/intake/source.css").statusCode()).isEqualTo(404);
            assertThat(client.post("/submit", Map.of()).statusCode()).isEqualTo(404);
            assertThat(client.post("/api/v1/submissions", Map.of()).statusCode())
                    .isEqualTo(404);
        }
        assertThat(reviewing.get("/review/staff.css").statusCode()).isEqualTo(200);
    }

    @Test
    void staffPagesAreNeitherCachedNorFramedNorScripted() throws Exception {
        HttpResponse<String> inbox = reviewing.get("/inbox");

        assertThat(inbox.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(inbox.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("default-src 'none'").doesNotContain("script-src"));
        assertThat(inbox.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(inbox.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(inbox.body())
                .doesNotContain("<script")
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void failedSignInsAreRefusedAndLoggedWithoutWhatWasTyped() throws Exception {
        HttpResponse<String> wrongPassword =
                StaffClient.anonymous(staff()).attemptSignIn(reviewer.username(), "not the password");
        HttpResponse<String> unknownUser =
                StaffClient.anonymous(staff()).attemptSignIn("hunter2-typed-as-username", "x");

        assertThat(StaffClient.location(wrongPassword)).isEqualTo("/login?error");
        assertThat(StaffClient.location(unknownUser)).isEqualTo("/login?error");
        assertThat(accessLog.entries(
                        new AccessLogQuery(reviewer.username(), InfraAccessAction.STAFF_LOGIN_FAILED, null, 10)))
                .hasSize(1);
        assertThat(accessLog.entries(new AccessLogQuery(null, InfraAccessAction.STAFF_LOGIN_FAILED, null, 1000)))
                .extracting(AccessLogEntry::actor)
                .doesNotContain("hunter2-typed-as-username");
    }

    private void assertStatus(String path, int asReviewer, int asEditor, int asAuditor, int asAdmin) throws Exception {
        assertThat(reviewing.get(path).statusCode()).as("reviewer %s", path).isEqualTo(asReviewer);
        assertThat(editing.get(path).statusCode()).as("editor %s", path).isEqualTo(asEditor);
        assertThat(auditing.get(path).statusCode()).as("auditor %s", path).isEqualTo(asAuditor);
        assertThat(administering.get(path).statusCode()).as("admin %s", path).isEqualTo(asAdmin);
    }

    private static String taskId(Element row) {
        String action = row.selectFirst("form[action$=/claim]").attr("action");
        return action.substring("/tasks/".length(), action.length() - "/claim".length());
    }

    private int staff() {
        return ports.portOf(Face.STAFF);
    }

    private URI source(String path) {
        return URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + path);
    }
}
