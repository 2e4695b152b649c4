package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.MissingMessages;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.SourceCorrespondence;
import org.leakdesk.intake.Submissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A source comes back over real HTTP on loopback: signs in with the codename, reads a reply the
 * newsroom wrote (through the same intake API the staff face uses), sends a follow-up, deletes a
 * read reply, signs out. Against PostgreSQL.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReturningSourceHttpTest {

    private static final Pattern CODENAME = Pattern.compile("id=\"codename\">([^<]+)<");
    private static final Pattern SEND_TOKEN = Pattern.compile("action=\"/source/send\\?_csrf=([^\"]+)\"");
    private static final String SCRIPT_MESSAGE = "Look at page 3 <script>alert('source')</script> & <b>bold</b>";
    private static final String SCRIPT_REPLY = "Thank you. Who else has seen it? <script>alert('newsroom')</script>";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    SourceCorrespondence correspondence;

    @Autowired
    Submissions submissions;

    @Autowired
    AccessLog accessLog;

    @Test
    void noPageSetsACookieBeforeSignIn() throws Exception {
        for (String path : List.of("/", "/sign-in", "/source/")) {
            assertThat(get(path, null).headers().allValues("Set-Cookie"))
                    .as(path)
                    .isEmpty();
        }
        HttpResponse<String> receipt = submit("first document", "hello");
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(signIn("wrong words that nobody was ever given here")
                        .headers()
                        .allValues("Set-Cookie"))
                .isEmpty();
        assertThat(get("/source/", null).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in?expired"));
    }

    @Test
    void theRightCodenameOpensTheRepliesWrittenToThatSourceAndOnlyThen() throws Exception {
        Submitted source = submitted(SCRIPT_MESSAGE);
        UUID replyId = correspondence.reply(source.caseId(), "rita", SCRIPT_REPLY);

        // Stored encrypted twice, the text nowhere in the database.
        PlaintextScanner scanner = new PlaintextScanner(List.of(SCRIPT_REPLY.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
        Map<String, Object> row = jdbc.sql("SELECT * FROM source_reply WHERE id = ?")
                .param(replyId)
                .query()
                .singleRow();
        assertThat((byte[]) row.get("source_ciphertext")).isNotEmpty();
        assertThat((byte[]) row.get("newsroom_ciphertext")).isNotEmpty();
        assertThat(row.get("read_at")).isNull();

        // Retyped with capitals and extra spaces, as people do.
        HttpResponse<String> signedIn =
                signIn("  " + source.codename().toUpperCase().replace(" ", "   ") + " ");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/source/"));
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith(SourceSessions.COOKIE + "=")
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/source");
        String cookie = setCookie.split(";")[0];

        HttpResponse<String> page = get("/source/", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Thank you. Who else has seen it? &lt;script&gt;alert(&#39;newsroom&#39;)&lt;/script&gt;")
                .doesNotContain("<script")
                .contains("id=\"reply-" + replyId + "\"");
        assertThat(page.body())
                .as("notices that only follow a deletion, a cut message or a sending")
                .doesNotContain("id=\"deleted\"", "id=\"message-cut\"", "id=\"sent\"");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();

        OffsetDateTime readAt = jdbc.sql("SELECT read_at FROM source_reply WHERE id = ?")
                .param(replyId)
                .query(OffsetDateTime.class)
                .single();
        assertThat(readAt.toEpochSecond() % 3600).isZero();
        assertThat(actions(source.caseId()))
                .contains(IntakeAccessAction.REPLY_SENT, IntakeAccessAction.REPLY_READ_BY_SOURCE);
        assertThat(accessLog.entries(
                        new AccessLogQuery(null, null, source.caseId().toString(), 50)))
                .allSatisfy(entry -> assertThat(String.valueOf(entry.detail()))
                        .doesNotContain(source.codename().split(" ")[0] + " ")
                        .doesNotContain("alert"));

        // Another source's cookie does not show this reply.
        Submitted other = submitted("another source");
        String otherCookie = signedInCookie(other.codename());
        assertThat(get("/source/", otherCookie).body())
                .doesNotContain("Who else has seen it")
                .contains("No replies yet");
    }

    @Test
    void theReturningSourcesPagesAreNotOnTheStaffPort() throws Exception {
        for (String path : List.of("/sign-in", "/source/")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.portOf(Face.STAFF) + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aWrongCodenameGetsTheSameAnswerAsAnyOtherWrongCodename() throws Exception {
        submitted("so that there is at least one source");
        HttpResponse<String> first = signIn("abacus abdomen abdominal abide abiding ability ablaze");
        HttpResponse<String> second = signIn("zoning zookeeper zoologist zoology zoom zoned zone");
        HttpResponse<String> empty = signIn("");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("We do not know that codename.");
        assertThat(second.statusCode()).isEqualTo(first.statusCode());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(empty.body()).isEqualTo(first.body());
        assertThat(first.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aFollowUpMessageAndFileReachTheCase() throws Exception {
        Submitted source = submitted("the first message");
        String cookie = signedInCookie(source.codename());
        String token = token(get("/source/", cookie).body());
        Multipart followUp = new Multipart()
                .field("message", "More: <img src=x onerror=alert(1)>")
                .file("files", "second.txt", "text/plain", "the second document".getBytes(StandardCharsets.UTF_8));
        long followUpsBefore = jdbc.sql("SELECT COUNT(*) FROM source_follow_up")
                .query(Long.class)
                .single();

        HttpResponse<String> withoutToken = postMultipart("/source/send", cookie, followUp);
        HttpResponse<String> signedOut = postMultipart("/source/send?_csrf=" + token, null, followUp);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("This form was out of date, so nothing was done.");
        assertThat(signedOut.statusCode()).isEqualTo(403);
        assertThat(signedOut.body()).contains("Your visit has ended, so nothing was sent.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM source_follow_up")
                        .query(Long.class)
                        .single())
                .isEqualTo(followUpsBefore);

        HttpResponse<String> sent = postMultipart("/source/send?_csrf=" + token, cookie, followUp);
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/source/?sent=1"));
        assertThat(get("/source/?sent=1", cookie).body()).contains("1 file was encrypted as it arrived.");

        var documents = submissions.read(source.caseId(), "rita").documents();
        assertThat(documents).hasSize(2);
        assertThat(documents.get(1).fileName()).isEqualTo("second.txt");
        assertThat(documents.get(1).position()).isEqualTo(2);
        SourceCorrespondence.Correspondence seen = correspondence.read(source.caseId(), "rita");
        assertThat(seen.followUps()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo("More: <img src=x onerror=alert(1)>");
            assertThat(f.documentPositions()).containsExactly(2);
            assertThat(f.arrivedAt().getEpochSecond() % 3600).isZero();
        });
        assertThat(actions(source.caseId())).contains(IntakeAccessAction.FOLLOW_UP_RECEIVED);
        assertThat(new PlaintextScanner(List.of("the second document".getBytes(StandardCharsets.UTF_8)))
                        .findInDatabase(dataSource))
                .isEmpty();

        // A message alone is a follow-up too; nothing at all is refused.
        HttpResponse<String> messageOnly = postMultipart(
                "/source/send?_csrf=" + token, cookie, new Multipart().field("message", "one more thing"));
        HttpResponse<String> nothing =
                postMultipart("/source/send?_csrf=" + token, cookie, new Multipart().field("message", " "));
        assertThat(messageOnly.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/source/?sent=0"));
        assertThat(get("/source/?sent=0", cookie).body())
                .as("a message alone was sent too")
                .contains("id=\"sent\"")
                .doesNotContain("was encrypted as it arrived");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(nothing.body()).contains("Write a message or choose at least one file to send.");
        assertThat(correspondence.read(source.caseId(), "rita").followUps()).hasSize(2);

        // Refused for a part too large: the page hands the message back, escaped, to send again.
        HttpResponse<String> refused = postMultipart(
                "/source/send?_csrf=" + token,
                cookie,
                new Multipart()
                        .field("message", "Words I took <b>an hour</b> to write")
                        .field("extra", "x".repeat(70 * 1024)));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains(">Words I took &lt;b&gt;an hour&lt;/b&gt; to write</textarea>");
        assertThat(correspondence.read(source.caseId(), "rita").followUps()).hasSize(2);
    }

    @Test
    void aSourceOverItsFollowUpRateIsToldWhenToTryAgainAndLedBackToItsOwnPage() throws Exception {
        Submitted source = submitted("the first message");
        String cookie = signedInCookie(source.codename());
        String token = token(get("/source/", cookie).body());

        HttpResponse<String> refused = null;
        for (int i = 0; i <= 30 && refused == null; i++) { // 30 an hour by default
            HttpResponse<String> sent =
                    postMultipart("/source/send?_csrf=" + token, cookie, new Multipart().field("message", "note " + i));
            if (sent.statusCode() != 302) {
                refused = sent;
            }
        }

        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body())
                .contains("Please try again in a few minutes")
                .contains("id=\"back\" href=\"/source/\"");
        assertThat(correspondence.read(source.caseId(), "rita").followUps()).hasSize(30);
    }

    @Test
    void aSourceDeletesARepliedItHasReadAndSignsOut() throws Exception {
        Submitted source = submitted("delete me later");
        UUID read = correspondence.reply(source.caseId(), "rita", "A reply to be read and deleted");
        String cookie = signedInCookie(source.codename());
        String token = token(get("/source/", cookie).body());
        UUID unread = correspondence.reply(source.caseId(), "rita", "A reply not read yet");

        HttpResponse<String> notYetRead = postForm("/source/replies/" + unread + "/delete", cookie, "_csrf=" + token);
        HttpResponse<String> forged = postForm("/source/replies/" + read + "/delete", cookie, "_csrf=forged");
        HttpResponse<String> deleted = postForm("/source/replies/" + read + "/delete", cookie, "_csrf=" + token);

        assertThat(notYetRead.statusCode()).isEqualTo(404);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(deleted.statusCode()).isEqualTo(302);
        Map<String, Object> row = jdbc.sql(
                        "SELECT source_ciphertext, deleted_at, newsroom_ciphertext FROM source_reply WHERE id = ?")
                .param(read)
                .query()
                .singleRow();
        assertThat(row.get("source_ciphertext")).isNull();
        OffsetDateTime deletedAt = jdbc.sql("SELECT deleted_at FROM source_reply WHERE id = ?")
                .param(read)
                .query(OffsetDateTime.class)
                .single();
        assertThat(deletedAt.toEpochSecond() % 3600).isZero();
        assertThat(row.get("newsroom_ciphertext")).isNotNull();
        assertThat(deleted.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/source/?deleted"));
        assertThat(get("/source/?deleted", cookie).body()).contains("id=\"deleted\"");
        String page = get("/source/", cookie).body();
        assertThat(page).doesNotContain("A reply to be read and deleted").contains("A reply not read yet");
        assertThat(page).doesNotContain("id=\"deleted\"");
        assertThat(correspondence.read(source.caseId(), "rita").replies())
                .filteredOn(reply -> reply.id().equals(read))
                .singleElement()
                .satisfies(reply -> assertThat(reply.deletedAt()).isNotNull());
        assertThat(actions(source.caseId())).contains(IntakeAccessAction.REPLY_DELETED_BY_SOURCE);

        HttpResponse<String> signOut = postForm("/source/sign-out", cookie, "_csrf=" + token);
        assertThat(signOut.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(c ->
                        assertThat(c).startsWith(SourceSessions.COOKIE + "=;").contains("Max-Age=0"));
        assertThat(get("/source/", cookie).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in?expired"));
        assertThat(signOut.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in?signed-out"));
        assertThat(get("/sign-in?signed-out", null).body())
                .contains("id=\"signed-out\"")
                .doesNotContain("id=\"expired\"");
        assertThat(get("/sign-in?expired", null).body())
                .contains("id=\"expired\"")
                .doesNotContain("id=\"signed-out\"");
        assertThat(get("/sign-in", null).body())
                .as("a first visit: nothing has ended yet")
                .doesNotContain("id=\"signed-out\"", "id=\"expired\"");
    }

    @Test
    void theArrivalOfASubmissionIsStoredCoarsened() throws Exception {
        Submitted source = submitted("when did this arrive?");
        OffsetDateTime receivedAt = jdbc.sql("SELECT received_at FROM submission WHERE id = ?")
                .param(source.caseId())
                .query(OffsetDateTime.class)
                .single();
        assertThat(receivedAt.toEpochSecond() % 3600).isZero();
        assertThat(accessLog.entries(
                        new AccessLogQuery(null, null, source.caseId().toString(), 10)))
                .filteredOn(entry -> entry.action() == IntakeAccessAction.SUBMISSION_RECEIVED)
                .singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("1 document and a message"));
    }

    private record Submitted(UUID caseId, String codename) {}

    private Submitted submitted(String message) throws Exception {
        List<UUID> before = ids();
        HttpResponse<String> receipt = submit("a document for " + message, message);
        assertThat(receipt.statusCode()).isEqualTo(200);
        Matcher codename = CODENAME.matcher(receipt.body());
        assertThat(codename.find()).isTrue();
        List<UUID> created = ids().stream().filter(id -> !before.contains(id)).toList();
        assertThat(created).hasSize(1);
        return new Submitted(created.get(0), codename.group(1));
    }

    private List<UUID> ids() {
        return jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
    }

    private List<Object> actions(UUID caseId) {
        return accessLog.entries(new AccessLogQuery(null, null, caseId.toString(), 50)).stream()
                .map(AccessLogEntry::action)
                .map(Object.class::cast)
                .toList();
    }

    /** Signs in with the codename; returns the session cookie as a request sends it. */
    private String signedInCookie(String codename) throws Exception {
        return signIn(codename).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private static String token(String page) {
        Matcher token = SEND_TOKEN.matcher(page);
        assertThat(token.find()).as("the page's send form").isTrue();
        return token.group(1);
    }

    private HttpResponse<String> submit(String document, String message) throws Exception {
        Multipart body = new Multipart()
                .field("message", message)
                .file("files", "report.txt", "text/plain", document.getBytes(StandardCharsets.UTF_8));
        return postMultipart("/submit", null, body);
    }

    private HttpResponse<String> signIn(String codename) throws Exception {
        return postForm("/sign-in", null, "codename=" + URLEncoder.encode(codename, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> postForm(String path, String cookie, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return shown(path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> postMultipart(String path, String cookie, Multipart body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", body.contentType())
                .header("Sec-Fetch-Site", "same-origin")
                .POST(body.publisher());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return shown(path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return shown(path, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Every source page these tests render has all its words: no missing message shows. */
    private static HttpResponse<String> shown(String path, HttpResponse<String> response) {
        MissingMessages.assertNone(path, response.body());
        return response;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + path);
    }
}
