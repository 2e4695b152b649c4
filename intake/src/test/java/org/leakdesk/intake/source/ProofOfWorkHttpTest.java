package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.Multipart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The proof of work over real HTTP: a challenge from {@code /api/v1/challenge}, solved here the
 * way the page's script solves it, sent with a submission. Valid and missing proofs are taken;
 * a reused, expired, wrong or forged one is refused with 400 and nothing is kept.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"leakdesk.source.pow.difficulty=10", "leakdesk.source.pow.lifetime=3s"})
class ProofOfWorkHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    private long rowsBefore;

    @BeforeEach
    void countRows() {
        rowsBefore = rows();
    }

    @Test
    void aChallengeIsRandomSignedAndNotCached() throws Exception {
        HttpResponse<String> first = get("/api/v1/challenge");
        HttpResponse<String> second = get("/api/v1/challenge");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        JsonNode challenge = JSON.readTree(first.body());
        assertThat(challenge.get("difficulty").asInt()).isEqualTo(10);
        assertThat(challenge.get("expiresInSeconds").asLong()).isEqualTo(3);
        assertThat(challenge.get("token").asText())
                .matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")
                .isNotEqualTo(JSON.readTree(second.body()).get("token").asText());
    }

    @Test
    void aValidProofIsTaken() throws Exception {
        HttpResponse<String> response = submit(solvedQuery(http, ports));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(rows()).isEqualTo(rowsBefore + 1);
    }

    @Test
    void noProofIsTakenAsFromABrowserWithoutJavaScript() throws Exception {
        assertThat(submit("").statusCode()).isEqualTo(201);
        assertThat(rows()).isEqualTo(rowsBefore + 1);
    }

    @Test
    void aProofIsGoodForOneSubmissionOnly() throws Exception {
        String query = solvedQuery(http, ports);
        assertThat(submit(query).statusCode()).isEqualTo(201);

        assertRefused(submit(query), "already used");
        assertThat(rows()).isEqualTo(rowsBefore + 1);
    }

    @Test
    void anExpiredProofIsRefused() throws Exception {
        String query = solvedQuery(http, ports);
        Thread.sleep(3_500);

        assertRefused(submit(query), "expired");
    }

    @Test
    void aWrongAnswerIsRefused() throws Exception {
        String token = challenge().get("token").asText();
        String wrong = null;
        for (int nonce = 0; wrong == null; nonce++) {
            if (zeroBits(token, Integer.toString(nonce)) < 10) {
                wrong = Integer.toString(nonce);
            }
        }

        assertRefused(submit(query(token, wrong)), "not solved");
        assertRefused(submit(query(token, "")), "not solved");
    }

    @Test
    void aChallengeNotIssuedHereIsRefused() throws Exception {
        String token = challenge().get("token").asText();
        // The payload's last character changed (difficulty or expiry), the signature kept.
        int dot = token.indexOf('.');
        char changed = token.charAt(dot - 1) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, dot - 1) + changed + token.substring(dot);

        assertRefused(submit(query(forged, solve(forged, 10))), "not issued here");
        assertRefused(submit(query("garbage", "1")), "not issued here");
    }

    private void assertRefused(HttpResponse<String> response, String why) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("reason").asText()).isEqualTo("PROOF_OF_WORK");
        assertThat(body.get("error").asText()).contains(why).contains("Nothing was kept");
        assertThat(rows()).isLessThanOrEqualTo(rowsBefore + 1);
    }

    /** A query string with a freshly solved challenge, as the page's script sends it. */
    static String solvedQuery(HttpClient http, FacePorts ports) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/api/v1/challenge"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode challenge = JSON.readTree(response.body());
        String token = challenge.get("token").asText();
        return query(token, solve(token, challenge.get("difficulty").asInt()));
    }

    static String solve(String token, int difficulty) throws Exception {
        for (long nonce = 0; ; nonce++) {
            if (zeroBits(token, Long.toString(nonce)) >= difficulty) {
                return Long.toString(nonce);
            }
        }
    }

    private static int zeroBits(String token, String nonce) throws Exception {
        byte[] hash =
                MessageDigest.getInstance("SHA-256").digest((token + ":" + nonce).getBytes(StandardCharsets.UTF_8));
        int bits = 0;
        for (byte b : hash) {
            for (int bit = 7; bit >= 0; bit--) {
                if ((b >> bit & 1) != 0) {
                    return bits;
                }
                bits++;
            }
        }
        return bits;
    }

    private static String query(String token, String nonce) {
        return "?pow=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&pow-nonce="
                + URLEncoder.encode(nonce, StandardCharsets.UTF_8);
    }

    private JsonNode challenge() throws Exception {
        return JSON.readTree(get("/api/v1/challenge").body());
    }

    private HttpResponse<String> submit(String query) throws Exception {
        Multipart body = new Multipart().file("files", "a.txt", "text/plain", "proof".getBytes());
        return http.send(
                HttpRequest.newBuilder(uri("/api/v1/submissions" + query))
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM submission").query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + path);
    }
}
