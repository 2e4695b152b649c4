package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.multipart.MultipartResolver;

/**
 * A source whose connection drops halfway through the second file: the first file's blob, already
 * committed, and the second's pending one are both removed; no row is written. While the upload
 * is in flight, no plaintext of it is anywhere on disk: not in the blob store, not in a temporary
 * file (the upload is never spooled).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InterruptedUploadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void aConnectionCutMidStreamLeavesNoRowNoBlobAndNoPlaintext() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        long rowsBefore = rows();
        long blobsBefore = committedBlobs();
        SecureRandom random = new SecureRandom();
        byte[] first = new byte[200 * 1024];
        byte[] secondHalf = new byte[300 * 1024];
        random.nextBytes(first);
        random.nextBytes(secondHalf);
        String message = "Meet me where we said; the second file is the one that matters. " + random.nextLong();
        byte[] sent = new RawMultipart()
                .field("message", message)
                .file("files", "first.bin", first)
                .fileStart("files", "second.bin")
                .open();
        byte[] prefix = new byte[sent.length + secondHalf.length];
        System.arraycopy(sent, 0, prefix, 0, sent.length);
        System.arraycopy(secondHalf, 0, prefix, sent.length, secondHalf.length);

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ports.portOf(Face.SOURCE))) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                            + RawMultipart.contentType() + "\r\nContent-Length: " + (prefix.length + 600 * 1024)
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(prefix);
            out.flush();

            await("the first file committed and the second being written")
                    .atMost(PATIENCE)
                    .until(() -> committedBlobs() == blobsBefore + 1 && pendingBlobs() == 1);
            PlaintextScanner scanner =
                    new PlaintextScanner(List.of(first, secondHalf, message.getBytes(StandardCharsets.UTF_8)));
            assertThat(scanner.findInFiles(blobs)).isEmpty();
            assertThat(findInTemporaryFiles(scanner, start)).isEmpty();

            socket.setSoLinger(true, 0); // a reset, as when Tor drops a circuit
        }

        await("the abandoned upload cleaned up")
                .atMost(PATIENCE)
                .until(() -> pendingBlobs() == 0 && committedBlobs() == blobsBefore);
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(context.getBeansOfType(MultipartResolver.class))
                .as("no multipart resolver that would spool parts")
                .isEmpty();
    }

    /** Files in the JVM's temporary folder written since the test began (Tomcat's spool would be there). */
    private static List<String> findInTemporaryFiles(PlaintextScanner scanner, Instant since) throws IOException {
        List<String> findings = new ArrayList<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.walk(tmp, 6)) {
            for (Path file : files.filter(f -> recentReadableFile(f, since)).toList()) {
                try {
                    findings.addAll(scanner.findInFiles(file));
                } catch (IOException unreadable) {
                    // Another user's or a vanished file: not ours.
                }
            }
        } catch (java.io.UncheckedIOException walkFailed) {
            // A folder we may not enter; the others were scanned.
        }
        return findings;
    }

    private static boolean recentReadableFile(Path file, Instant since) {
        try {
            return Files.isRegularFile(file)
                    && Files.isReadable(file)
                    && Files.size(file) < (64 << 20)
                    && Files.getLastModifiedTime(file).compareTo(FileTime.from(since)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM submission").query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM submission_file")
                        .query(Long.class)
                        .single();
    }

    private long pendingBlobs() throws IOException {
        try (Stream<Path> files = Files.list(blobs.resolve("incoming"))) {
            return files.count();
        }
    }

    private long committedBlobs() throws IOException {
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getParent().getFileName().toString().equals("incoming"))
                    .count();
        }
    }
}
