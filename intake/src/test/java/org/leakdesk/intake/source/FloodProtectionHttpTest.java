package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.MissingMessages;
import org.leakdesk.infra.testing.Multipart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The global rate of new submissions over real HTTP, with a rate small enough to use up: four a
 * minute, of which two may come without a proof of work. Refusals are 429 with Retry-After (JSON
 * on the API, a page on the form), keep nothing, and come before the body is read.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"leakdesk.source.rate.submissions-per-minute=4", "leakdesk.source.pow.difficulty=8"})
class FloodProtectionHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    @Test
    void unprovenSubmissionsGetHalfTheRateAndProvenOnesTheRest() throws Exception {
        long rowsBefore = rows();
        int accepted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            HttpResponse<String> response = submit("");
            if (response.statusCode() == 201) {
                accepted++;
            } else {
                refused = response;
            }
        }

        // Two of four; a third only if the unproven half refilled meanwhile (one every 30 s).
        assertThat(accepted).isBetween(2, 3);
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        JsonNode body = json.readTree(refused.body());
        assertThat(body.get("reason").asText()).isEqualTo("RATE_LIMITED");
        assertThat(body.get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(body.get("error").asText()).contains("Try again in");
        assertThat(rows()).isEqualTo(rowsBefore + accepted);

        // A source whose browser did the work still gets through: the other half is theirs.
        HttpResponse<String> proven = submit(ProofOfWorkHttpTest.solvedQuery(http, ports));
        assertThat(proven.statusCode()).isEqualTo(201);

        formIsAnsweredWithAPageThatSaysWhenToTryAgain();
        aBrowserThatSendsTheWholeFormFirstStillGetsThePage();
        refusalComesBeforeTheBodyIsRead();
    }

    private void formIsAnsweredWithAPageThatSaysWhenToTryAgain() throws Exception {
        long rowsBefore = rows();
        Multipart body = new Multipart().file("files", "a.txt", "text/plain", "hello".getBytes());

        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(uri("/submit"))
                        .header("Content-Type", body.contentType())
                        .header("Sec-Fetch-Site", "same-origin") // as a browser posts the form
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(429);
        MissingMessages.assertNone("the busy page", page.body());
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("Please try again in a few minutes")
                .contains("Nothing of it was kept")
                .containsPattern("id=\"retry-after\">\\d+ (seconds?|minutes?)<")
                .contains("id=\"back\" href=\"/\"");
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    /**
     * A browser with JavaScript off sends the whole form before it reads the answer. The refusal
     * drains the body (up to a limit), so the browser gets the page; without it the container
     * reads 2 MiB, closes the connection, and the browser shows a reset instead.
     */
    private void aBrowserThatSendsTheWholeFormFirstStillGetsThePage() throws Exception {
        byte[] body =
                new RawMultipart().file("files", "big.bin", new byte[16 << 20]).close();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.portOf(Face.SOURCE))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /submit HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Sec-Fetch-Site: same-origin\r\n"
                            + "Content-Type: " + RawMultipart.contentType() + "\r\nContent-Length: " + body.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 429 ").contains("Please try again in a few minutes");
        }
    }

    /** A request that declares a gigabyte and sends a few bytes is answered at once. */
    private void refusalComesBeforeTheBodyIsRead() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.portOf(Face.SOURCE))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                            + RawMultipart.contentType() + "\r\nContent-Length: 1073741824\r\n\r\n--")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).isNotEqualTo(-1);
                head.write(b);
            }
            assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 429 ");
        }
    }

    private HttpResponse<String> submit(String query) throws Exception {
        Multipart body = new Multipart().file("files", "a.txt", "text/plain", "flood".getBytes());
        return http.send(
                HttpRequest.newBuilder(uri("/api/v1/submissions" + query))
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM submission").query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + path);
    }
}
