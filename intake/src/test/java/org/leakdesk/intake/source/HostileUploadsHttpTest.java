package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.Submissions;
import org.leakdesk.intake.SubmittedDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a careless or hostile client sends, over real HTTP with the default limits: each is either
 * stored whole (and shown safely later) or refused with nothing kept.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HostileUploadsHttpTest {

    private static final String API = "/api/v1/submissions";

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Submissions submissions;

    @Autowired
    MetadataExtraction extraction;

    @Autowired
    DataSource dataSource;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    private List<UUID> idsBefore;
    private long blobsBefore;

    @BeforeEach
    void countWhatIsStored() throws IOException {
        idsBefore = ids();
        blobsBefore = blobFiles();
    }

    @Test
    void anEmptyFileIsKeptAsAnEmptyDocument() throws Exception {
        RawHttp.Response response =
                send(new RawMultipart().file("files", "empty.txt", new byte[0]).close());

        assertThat(response.status()).isEqualTo(201);
        // The hash is taken when extraction reads the stored copy back.
        extraction.extractAll(newest());
        assertThat(onlyNewSubmission()).singleElement().satisfies(d -> {
            assertThat(d.size()).isZero();
            assertThat(d.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        });
    }

    @Test
    void aSubmissionWithoutFilesIsRefusedAndKeepsNothing() throws Exception {
        RawHttp.Response response =
                send(new RawMultipart().field("message", "only words").close());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("NO_FILES");
        assertNothingKept();
    }

    @Test
    void hostileFileNamesAreKeptOnlyEncryptedAndNeverUsedAsAPath() throws Exception {
        String traversal = "../../etc/passwd";
        String override = "invoice\u202Egpj.exe";
        String endless = "n".repeat(10_000) + ".txt";
        byte[] body = new RawMultipart()
                .file("files", traversal, "one".getBytes(StandardCharsets.UTF_8))
                .file("files", override, "two".getBytes(StandardCharsets.UTF_8))
                .file("files", endless, "three".getBytes(StandardCharsets.UTF_8))
                .close();

        RawHttp.Response response = send(body);

        assertThat(response.status()).isEqualTo(201);
        assertThat(onlyNewSubmission())
                .extracting(SubmittedDocument::fileName)
                .as("a path is cut to its last name, as browsers on Windows send full paths")
                .containsExactly("passwd", override, endless);
        PlaintextScanner scanner = new PlaintextScanner(
                List.of(endless.getBytes(StandardCharsets.UTF_8), override.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
        try (Stream<Path> stored = Files.walk(blobs.getParent())) {
            assertThat(stored.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("passwd") || n.contains("invoice") || n.contains("nnnn"));
        }
    }

    @Test
    void aNulInAPartHeaderIsRefusedAsMalformedAndKeepsNothing() throws Exception {
        // HTTP forbids NUL in a header; no browser sends one. The upload is refused, not half-read.
        byte[] body = new RawMultipart()
                .file("files", "first.txt", "kept only if all is well".getBytes(StandardCharsets.UTF_8))
                .file("files", "report\u0000.pdf", "two".getBytes(StandardCharsets.UTF_8))
                .close();

        RawHttp.Response response = send(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("MALFORMED");
        assertNothingKept();
    }

    @Test
    void aMessageWithMarkupIsStoredAsText() throws Exception {
        String message = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";
        RawHttp.Response response = send(new RawMultipart()
                .field("message", message)
                .file("files", "a.txt", "a".getBytes(StandardCharsets.UTF_8))
                .close());

        assertThat(response.status()).isEqualTo(201);
        assertThat(submissions.read(newest(), "reviewer").message()).isEqualTo(message);
    }

    @Test
    void tenThousandTinyPartsAreRefusedAtTheLimitAndKeepNothing() throws Exception {
        RawMultipart many = new RawMultipart();
        for (int i = 0; i < 10_000; i++) {
            many.field("f" + i, "x");
        }

        RawHttp.Response response = send(many.close());

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("TOO_MANY_PARTS");
        assertNothingKept();
    }

    @Test
    void aBodyLongerThanItsContentLengthIsCutThereAndRefused() throws Exception {
        byte[] body =
                new RawMultipart().file("files", "a.bin", new byte[100_000]).close();

        RawHttp.Response response = RawHttp.postWithLength(ports.portOf(Face.SOURCE), API, body.length / 2, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("MALFORMED");
        assertNothingKept();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnInterruptedUpload() throws Exception {
        byte[] body =
                new RawMultipart().file("files", "a.bin", new byte[100_000]).close();

        RawHttp.Response response = RawHttp.postWithLength(ports.portOf(Face.SOURCE), API, body.length * 2L, body);

        // The client stopped sending: whatever it can still read says so, and nothing is kept.
        assertThat(response.status()).isIn(400, -1);
        assertNothingKept();
    }

    private RawHttp.Response send(byte[] body) throws Exception {
        return RawHttp.postWithLength(ports.portOf(Face.SOURCE), API, body.length, body);
    }

    private List<SubmittedDocument> onlyNewSubmission() {
        return submissions.read(newest(), "reviewer").documents();
    }

    private UUID newest() {
        List<UUID> added = ids();
        added.removeAll(idsBefore);
        assertThat(added).hasSize(1);
        return added.get(0);
    }

    private void assertNothingKept() throws IOException {
        assertThat(ids()).containsExactlyInAnyOrderElementsOf(idsBefore);
        assertThat(blobFiles()).isEqualTo(blobsBefore);
        try (Stream<Path> pending = Files.list(blobs.resolve("incoming"))) {
            assertThat(pending).isEmpty();
        }
    }

    private List<UUID> ids() {
        return new ArrayList<>(
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list());
    }

    private long blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
