package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.leakdesk.infra.testing.S3ProxyServer;
import org.leakdesk.intake.IntakeAccessAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The application configured with the S3 blob store (leakdesk.blobs.store=s3, a real S3Proxy on
 * loopback, credentials from a file): a source's upload over HTTP lands in the bucket, not in the
 * local blob folder, holds no plaintext there, and decrypts back to the same SHA-256 from S3.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// A context of its own (the S3 settings): closed afterwards so it holds no database connections
// while the module's other tests run.
@DirtiesContext
class UploadToS3HttpTest {

    private static final S3ProxyServer S3 = S3ProxyServer.shared();
    private static final String BUCKET = S3.createBucket();

    @DynamicPropertySource
    static void storeBlobsInS3(DynamicPropertyRegistry properties) {
        properties.add("leakdesk.blobs.store", () -> "s3");
        properties.add("leakdesk.blobs.s3.endpoint", () -> S3.endpoint().toString());
        properties.add("leakdesk.blobs.s3.bucket", () -> BUCKET);
        properties.add("leakdesk.blobs.s3.path-style", () -> "true");
        properties.add("leakdesk.blobs.s3.prefix", () -> "newsroom/");
        properties.add("leakdesk.blobs.s3.part-size", () -> "5MB");
        properties.add(
                "leakdesk.blobs.s3.credentials-file", () -> S3.credentialsFile().toString());
    }

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
    BlobStore blobs;

    @Value("${leakdesk.blobs.directory}")
    Path localBlobs;

    @Test
    void anUploadIsStoredInTheBucketAndDecryptsBackFromIt() throws Exception {
        // Large enough for several multipart parts of 5 MB.
        byte[] document = new byte[13 * 1024 * 1024 + 7];
        new Random(42).nextBytes(document);
        byte[] note = "Planning document, eight pages, received from a source".getBytes();
        long localFilesBefore = filesUnder(localBlobs);
        List<UUID> before = submissionIds();

        Multipart upload = new Multipart()
                .file("files", "plan.pdf", "application/pdf", document)
                .file("files", "note.txt", "text/plain", note);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/api/v1/submissions"))
                        .header("Content-Type", upload.contentType())
                        .POST(upload.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        List<UUID> added = submissionIds();
        added.removeAll(before);
        assertThat(added).hasSize(1);
        List<SubmissionStore.FileRow> files = store.files(added.get(0));
        assertThat(files).hasSize(2);
        DecryptionSession session = decryptor.open(new AccessRecord(
                "test", IntakeAccessAction.CASE_VIEWED, added.get(0).toString(), "S3 store check"));
        String documentBack = documents.read(session, files.get(0), (plaintext, manifest) -> sha256Of(plaintext));
        String noteBack = documents.read(session, files.get(1), (plaintext, manifest) -> sha256Of(plaintext));
        assertThat(documentBack).isEqualTo(sha256(document));
        assertThat(noteBack).isEqualTo(sha256(note));

        List<String> keys = S3.client().listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream()
                .map(S3Object::key)
                .toList();
        for (SubmissionStore.FileRow file : files) {
            assertThat(keys).contains("newsroom/blobs/" + file.blobId());
            assertThat(blobs.exists(file.blobId())).isTrue();
        }
        assertThat(S3.client().listMultipartUploads(r -> r.bucket(BUCKET)).uploads())
                .as("no unfinished upload left")
                .isEmpty();
        assertThat(filesUnder(localBlobs))
                .as("nothing in the local blob folder")
                .isEqualTo(localFilesBefore);
        PlaintextScanner scanner = new PlaintextScanner(List.of(
                Arrays.copyOfRange(document, 1000, 1000 + PlaintextScanner.WINDOW),
                Arrays.copyOfRange(document, 9_000_000, 9_000_000 + PlaintextScanner.WINDOW),
                Arrays.copyOfRange(note, 0, PlaintextScanner.WINDOW)));
        assertThat(scanner.findInFiles(S3.dataDirectory().resolve(BUCKET))).isEmpty();
    }

    private List<UUID> submissionIds() {
        return new ArrayList<>(
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list());
    }

    private static long filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String sha256Of(InputStream plaintext) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream in = new DigestInputStream(plaintext, digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
