package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.IntakeAccessAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every file of Apache Tika's test corpus (bombs, truncated and protected files among them) sent
 * as a source sends it, over HTTP on loopback: each is accepted and stored, decrypts back to the
 * same SHA-256, and no stored byte (blob store or database) holds a piece of its plaintext.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CorpusOverHttpTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SubmissionStore store;

    @Autowired
    StoredDocuments documents;

    @Autowired
    Decryptor decryptor;

    @Autowired
    DataSource dataSource;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void everyCorpusFileIsStoredEncryptedAndDecryptsToTheSameBytes() throws Exception {
        List<Path> corpus = SharedFiles.corpusFiles();
        assertThat(corpus).hasSizeGreaterThan(20);
        List<byte[]> plaintexts = new ArrayList<>();
        for (Path file : corpus) {
            byte[] content = Files.readAllBytes(file);
            plaintexts.addAll(distinctivePieces(content));
            List<UUID> before = ids();

            Multipart upload =
                    new Multipart().file("files", file.getFileName().toString(), "application/octet-stream", content);
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/api/v1/submissions"))
                            .header("Content-Type", upload.contentType())
                            .POST(upload.publisher())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            String name = file.getFileName().toString();
            assertThat(response.statusCode()).as(name).isEqualTo(201);
            List<UUID> added = ids();
            added.removeAll(before);
            assertThat(added).as(name).hasSize(1);
            SubmissionStore.FileRow row = store.files(added.get(0)).get(0);
            DecryptionSession session = decryptor.open(new AccessRecord(
                    "test", IntakeAccessAction.CASE_VIEWED, added.get(0).toString(), "corpus check"));
            String decrypted = documents.read(session, row, (plaintext, manifest) -> sha256(plaintext));
            assertThat(decrypted)
                    .as(name)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }

        PlaintextScanner scanner = new PlaintextScanner(plaintexts);
        assertThat(scanner.findInFiles(blobs)).isEmpty();
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
    }

    /**
     * Windows of the plaintext at every 8th byte (a stored copy of any 24 bytes in a row holds one),
     * leaving out runs of few byte values (zeros, padding) that also occur in unrelated bytes.
     */
    private static List<byte[]> distinctivePieces(byte[] content) {
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at + PlaintextScanner.WINDOW <= content.length; at += 8) {
            byte[] piece = java.util.Arrays.copyOfRange(content, at, at + PlaintextScanner.WINDOW);
            java.util.BitSet values = new java.util.BitSet(256);
            for (byte b : piece) {
                values.set(b & 0xff);
            }
            if (values.cardinality() >= 8) {
                pieces.add(piece);
            }
        }
        return pieces;
    }

    private List<UUID> ids() {
        return new ArrayList<>(
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list());
    }

    private static String sha256(InputStream plaintext) throws java.io.IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(plaintext, digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
