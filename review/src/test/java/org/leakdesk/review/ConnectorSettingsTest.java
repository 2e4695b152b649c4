package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Spring Boot applies its server settings to Tomcat's main connector (the source face); the staff
 * face's connector must hold the same limits. Settings far from Tomcat's defaults, so a connector
 * that missed them is told apart.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "server.max-http-request-header-size=2KB",
            "server.tomcat.connection-timeout=1s",
            "server.tomcat.keep-alive-timeout=1s"
        })
class ConnectorSettingsTest {

    @Autowired
    FacePorts ports;

    @Test
    void aHeaderOverTheLimitIsRefusedOnBothFaces() throws Exception {
        for (Face face : Face.values()) {
            int port = ports.portOf(face);
            assertThat(statusLine(port, "X-Filler: " + "a".repeat(1_000)))
                    .as("a small header on the %s port", face)
                    .doesNotContain(" 400 ");
            assertThat(statusLine(port, "X-Filler: " + "a".repeat(4_000)))
                    .as("a 4 KB header on the %s port", face)
                    .startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheConnectionTimeoutOnBothFaces() throws Exception {
        for (Face face : Face.values()) {
            try (Socket socket = new Socket("127.0.0.1", ports.portOf(face))) {
                // Tomcat's own default is a minute: an answer well within 15 s is the 1 s setting.
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                int read;
                try {
                    read = drain(socket.getInputStream());
                } catch (SocketTimeoutException e) {
                    read = -2;
                }
                assertThat(read)
                        .as("the %s port closed the half-sent request", face)
                        .isNotEqualTo(-2);
            }
        }
    }

    @Test
    void forwardedHeadersAreIgnoredOnBothFaces() throws Exception {
        for (Face face : Face.values()) {
            int port = ports.portOf(face);
            String path = face == Face.STAFF ? "/inbox" : "/";
            String answer = response(
                    port,
                    path,
                    List.of(
                            "X-Forwarded-Host: attacker.example",
                            "X-Forwarded-Proto: https",
                            "Forwarded: host=attacker.example"));
            assertThat(answer).as("%s %s", face, path).doesNotContain("attacker.example");
        }
        String redirect = response(ports.portOf(Face.STAFF), "/inbox", List.of("X-Forwarded-Host: attacker.example"));
        assertThat(redirect).containsIgnoringCase("Location: http://127.0.0.1:" + ports.portOf(Face.STAFF) + "/login");
    }

    private static String statusLine(int port, String header) throws Exception {
        String answer = response(port, "/", List.of(header));
        return answer.lines().findFirst().orElse("");
    }

    private static String response(int port, String path, List<String> headers) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            headers.forEach(header -> request.append(header).append("\r\n"));
            request.append("Connection: close\r\n\r\n");
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int drain(InputStream in) throws Exception {
        int last;
        do {
            last = in.read();
        } while (last != -1);
        return last;
    }
}
