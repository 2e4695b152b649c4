package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.leakdesk.LeakDeskApplication;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.Multipart;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff sessions live in the database: two staff processes on one PostgreSQL, over real HTTP. A
 * member signed in on one is signed in on the other (CSRF token and all), stays signed in when
 * the first stops, and is signed out of both at once when an admin disables the account on one.
 * What a session holds in the database is small and keeps no secret; expired sessions leave the
 * database without a request; the source face of a process with both faces sets no cookie and
 * writes no session before a codename sign-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedStaffSessionsTest {

    private static final String ATTRIBUTES = "org.leakdesk.review.security.SignedInSessions.";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final int sourcePortA = freePort();
    private final int staffPortA = freePort();
    private final int staffPortB = freePort();
    private ConfigurableApplicationContext processA;
    private ConfigurableApplicationContext processB;
    private JdbcClient jdbc;
    private StaffAccounts accounts;

    @BeforeAll
    void startTwoStaffProcesses() {
        // A runs every role (the zero-setup shape), B the staff face alone.
        processA = start("a", "source,staff,worker", sourcePortA, staffPortA);
        processB = start("b", "staff", freePort(), staffPortB);
        jdbc = processB.getBean(JdbcClient.class);
        accounts = processB.getBean(StaffAccounts.class);
    }

    @AfterAll
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    @Order(1)
    void aMemberSignedInOnOneProcessIsSignedInOnTheOther() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "shared", StaffRole.REVIEWER);
        StaffClient onA = reviewer.signIn(staffPortA);
        String sessionId = sessionId(onA);
        assertThat(principalOf(sessionId)).isEqualTo(reviewer.username());

        StaffClient onB = onA.on(staffPortB);
        Document inbox = onB.page("/inbox");
        assertThat(inbox.selectFirst("h1").text()).isEqualTo("Inbox");
        assertThat(inbox.selectFirst(".who").text()).isEqualTo(reviewer.username());
        assertThat(onB.get("/admin/accounts").statusCode())
                .as("the roles travel with the session")
                .isEqualTo(403);

        // The CSRF token the session got on A is the one B checks: signing out on B is accepted.
        HttpResponse<String> signedOut = onB.post("/logout", Map.of());
        assertThat(StaffClient.location(signedOut)).isEqualTo("/login?signedout");
        assertThat(StaffClient.location(onA.get("/inbox"))).isEqualTo("/login");
        assertThat(rows(sessionId)).isZero();
    }

    @Test
    @Order(2)
    void disablingAnAccountOnOneProcessEndsItsSessionsOnBothAtOnce() throws Exception {
        TestStaff member = TestStaff.create(accounts, "ended", StaffRole.REVIEWER);
        StaffClient first = member.signIn(staffPortA);
        StaffClient second = member.signIn(staffPortA);
        StaffClient firstOnB = first.on(staffPortB);
        assertThat(firstOnB.get("/inbox").statusCode()).isEqualTo(200);
        StaffClient secondOnB = second.on(staffPortB);
        assertThat(secondOnB.get("/inbox").statusCode()).isEqualTo(200);
        assertThat(sessionsOf(member.username())).hasSize(2);

        TestStaff admin = TestStaff.create(accounts, "disabler", StaffRole.ADMIN);
        StaffClient administering = admin.signIn(staffPortB);
        administering.page("/admin/accounts");
        HttpResponse<String> disabled =
                administering.post("/admin/accounts/" + member.username() + "/disable", Map.of());
        assertThat(StaffClient.location(disabled)).isEqualTo("/admin/accounts?disabled=" + member.username());

        // Ended in the database before the member makes another request: nothing of the sign-in is left.
        assertThat(sessionsOf(member.username())).isEmpty();
        for (StaffClient client : List.of(first, second)) {
            assertThat(attributeNames(sessionId(client))).containsExactly(ATTRIBUTES + "ENDED");
        }

        assertThat(StaffClient.location(firstOnB.get("/inbox"))).isEqualTo("/login?ended");
        assertThat(StaffClient.location(second.get("/inbox"))).isEqualTo("/login?ended");
        assertThat(StaffClient.location(first.get("/inbox"))).isEqualTo("/login");
        assertThat(StaffClient.location(secondOnB.get("/inbox"))).isEqualTo("/login");
        assertThat(administering.get("/admin/accounts").statusCode())
                .as("the admin's own session goes on")
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void aSessionHoldsItsSignInStepsSealedAndNothingMore() throws Exception {
        TestStaff member = TestStaff.create(accounts, "held", StaffRole.EDITOR);
        StaffClient onA = StaffClient.anonymous(staffPortA);
        assertThat(StaffClient.location(onA.attemptSignIn(member.username(), member.password())))
                .isEqualTo("/login/enrol");
        String secret = onA.page("/login/enrol").selectFirst("#secret").text().replace(" ", "");
        String sessionId = sessionId(onA);
        assertThat(attributeNames(sessionId))
                .contains("org.leakdesk.review.security.SecondFactorController.ENROLMENT", "SPRING_SECURITY_CONTEXT");
        assertKeepsNoSecret(sessionId, member, secret);

        // The offer made on A is confirmed on B: the sealed secret opens in any staff process.
        StaffClient onB = onA.on(staffPortB);
        assertThat(onB.page("/login/enrol").selectFirst("#secret").text().replace(" ", ""))
                .isEqualTo(secret);
        HttpResponse<String> enrolled = onB.post("/login/enrol", Map.of("code", TestAuthenticator.currentCode(secret)));
        assertThat(enrolled.statusCode()).isEqualTo(200);
        assertThat(enrolled.body()).contains("recovery-codes");

        String signedIn = sessionId(onB);
        assertThat(signedIn).as("a new session id at sign-in").isNotEqualTo(sessionId);
        assertThat(rows(sessionId)).isZero();
        // Back on A, a page with a form (the sign-out button) makes the signed-in session's CSRF token.
        assertThat(onA.page("/inbox").selectFirst(".who").text()).isEqualTo(member.username());
        assertThat(attributeNames(signedIn))
                .containsExactlyInAnyOrder(
                        "SPRING_SECURITY_CONTEXT",
                        "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
                        ATTRIBUTES + "SIGNED_IN_AT",
                        ATTRIBUTES + "GENERATION");
        assertKeepsNoSecret(signedIn, member, secret);
    }

    @Test
    @Order(4)
    void expiredSessionsLeaveTheDatabaseWithoutARequest() throws Exception {
        StaffClient reviewing =
                TestStaff.create(accounts, "expired", StaffRole.REVIEWER).signIn(staffPortA);
        String sessionId = sessionId(reviewing);
        assertThat(rows(sessionId)).isOne();

        // As if its idle timeout had passed; the cleanup (every second here) runs in both processes.
        jdbc.sql("UPDATE staff_session SET expiry_time = 0 WHERE session_id = ?")
                .param(sessionId)
                .update();

        await().atMost(Duration.ofSeconds(20)).until(() -> rows(sessionId) == 0);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM staff_session_attributes a"
                                        + " WHERE NOT EXISTS (SELECT 1 FROM staff_session s WHERE s.primary_id = a.session_primary_id)")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(StaffClient.location(reviewing.get("/inbox"))).isEqualTo("/login");
    }

    @Test
    @Order(5)
    void theSourceFaceSetsNoCookieAndWritesNoSessionBeforeACodenameSignIn() throws Exception {
        StaffClient reviewing =
                TestStaff.create(accounts, "neighbour", StaffRole.REVIEWER).signIn(staffPortA);
        Set<String> cases =
                Set.copyOf(reviewing.page("/inbox").select("tr[data-case]").eachAttr("data-case"));
        String staffCookie = "LEAKDESK_STAFF=" + reviewing.sessionId();
        long lastAccess = lastAccess(sessionId(reviewing));
        long sessions = count();

        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/sign-in", "/source/")) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(source(path))
                            .header("Cookie", staffCookie)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isIn(200, 302);
            assertThat(page.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        HttpResponse<String> receipt = SourceApi.submit(
                sourcePortA,
                new Multipart().file("files", "minutes.txt", "text/plain", "minutes".getBytes(StandardCharsets.UTF_8)));
        assertThat(receipt.statusCode()).isEqualTo(201);
        assertThat(receipt.headers().allValues("Set-Cookie")).isEmpty();
        String codename = receipt.body().replaceFirst("(?s).*\"receipt\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(source("/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "codename=" + URLEncoder.encode(codename, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .singleElement()
                .satisfies(cookie ->
                        assertThat(cookie).startsWith("leakdesk-source=").contains("Path=/source"));

        assertThat(count()).as("no session row for the source face").isEqualTo(sessions);
        assertThat(lastAccess(sessionId(reviewing)))
                .as("a staff cookie sent to the source port is not even read")
                .isEqualTo(lastAccess);

        // The case reaches triage here, so that no extraction is left for another test's worker.
        await().atMost(Duration.ofSeconds(90))
                .until(() -> reviewing.page("/inbox").select("tr[data-case]").stream()
                        .anyMatch(row -> !cases.contains(row.attr("data-case"))));
    }

    @Test
    @Order(6)
    void aSessionOutlivesTheProcessThatSignedItIn() throws Exception {
        TestStaff editor = TestStaff.create(accounts, "survivor", StaffRole.EDITOR);
        StaffClient onA = editor.signIn(staffPortA);
        StaffClient onB = onA.on(staffPortB);
        assertThat(onB.page("/inbox").selectFirst(".who").text()).isEqualTo(editor.username());

        processA.close();

        assertThat(onB.page("/inbox").selectFirst(".who").text()).isEqualTo(editor.username());
        assertThat(onB.page("/account").text()).contains(editor.username());
        assertThat(StaffClient.location(onB.post("/logout", Map.of()))).isEqualTo("/login?signedout");
        assertThat(StaffClient.location(onB.get("/inbox"))).isEqualTo("/login");
    }

    private void assertKeepsNoSecret(String sessionId, TestStaff member, String secret) {
        byte[] base32 = secret.getBytes(StandardCharsets.US_ASCII);
        byte[] raw = TestAuthenticator.fromBase32(secret);
        for (byte[] value : jdbc.sql("SELECT attribute_bytes FROM staff_session_attributes a"
                        + " JOIN staff_session s ON s.primary_id = a.session_primary_id WHERE s.session_id = ?")
                .param(sessionId)
                .query(byte[].class)
                .list()) {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            assertThat(text)
                    .doesNotContain(secret)
                    .doesNotContain(new String(base32, StandardCharsets.ISO_8859_1).toLowerCase())
                    .doesNotContain(new String(raw, StandardCharsets.ISO_8859_1))
                    .doesNotContain(member.password())
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("Java-http-client");
        }
    }

    /** The session id behind a client's cookie (Spring Session writes it base64-encoded). */
    private static String sessionId(StaffClient client) {
        return new String(Base64.getDecoder().decode(client.sessionId()), StandardCharsets.US_ASCII);
    }

    private String principalOf(String sessionId) {
        return jdbc.sql("SELECT principal_name FROM staff_session WHERE session_id = ?")
                .param(sessionId)
                .query(String.class)
                .single();
    }

    private long rows(String sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_session WHERE session_id = ?")
                .param(sessionId)
                .query(Long.class)
                .single();
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_session").query(Long.class).single();
    }

    private long lastAccess(String sessionId) {
        return jdbc.sql("SELECT last_access_time FROM staff_session WHERE session_id = ?")
                .param(sessionId)
                .query(Long.class)
                .single();
    }

    private List<String> sessionsOf(String username) {
        return jdbc.sql("SELECT session_id FROM staff_session WHERE principal_name = ?")
                .param(username)
                .query(String.class)
                .list();
    }

    private Set<String> attributeNames(String sessionId) {
        return Set.copyOf(jdbc.sql("SELECT attribute_name FROM staff_session_attributes a"
                        + " JOIN staff_session s ON s.primary_id = a.session_primary_id WHERE s.session_id = ?")
                .param(sessionId)
                .query(String.class)
                .list());
    }

    private URI source(String path) {
        return URI.create("http://127.0.0.1:" + sourcePortA + path);
    }

    private ConfigurableApplicationContext start(String name, String roles, int sourcePort, int staffPort) {
        // As command-line arguments: they outrank the test profile's properties.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LeakDeskApplication.class)
                .run(
                        "--leakdesk.roles=" + roles,
                        "--server.port=" + sourcePort,
                        "--leakdesk.staff.port=" + staffPort,
                        "--leakdesk.staff.session.cleanup-cron=* * * * * *",
                        "--camunda.bpm.process-engine-name=sessions-" + name,
                        "--spring.jmx.enabled=false");
        contexts.add(context);
        return context;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
