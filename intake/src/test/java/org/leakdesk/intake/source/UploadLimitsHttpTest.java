package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Every upload limit over real HTTP on loopback, with limits small enough to cross cheaply: each
 * refused request answers 413 (JSON on the API, the form with an explanation on the form path)
 * and leaves no row, no blob and no temporary file.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "leakdesk.intake.max-files=3",
            "leakdesk.intake.max-file-size=64KB",
            "leakdesk.intake.max-upload-size=128KB",
            "leakdesk.intake.max-message-length=100",
            "leakdesk.intake.max-parts=8",
            "leakdesk.intake.max-field-size=4KB"
        })
class UploadLimitsHttpTest {

    private static final String API = "/api/v1/submissions";

    private final HttpClient http = HttpClient.newHttpClient();

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

    private long rowsBefore;
    private List<UUID> idsBefore;
    private long blobsBefore;

    @BeforeEach
    void countWhatIsStored() throws IOException {
        rowsBefore = rows();
        idsBefore = jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
        blobsBefore = blobFiles();
    }

    @Test
    void aFileOverItsLimitIsRefused() throws Exception {
        byte[] body = new RawMultipart()
                .file("files", "fine.bin", new byte[1000])
                .file("files", "large.bin", new byte[65 * 1024])
                .close();

        HttpResponse<String> response = postApi(body);

        assertRefused(response, "FILE_TOO_LARGE", "larger than 64 KB");
    }

    @Test
    void aRequestOverTheSubmissionLimitIsRefusedWhereverTheBytesAre() throws Exception {
        // The files alone are within every limit; the unknown parts push the request over 128 KB.
        RawMultipart parts = new RawMultipart()
                .file("files", "a.bin", new byte[60 * 1024])
                .file("files", "b.bin", new byte[60 * 1024]);
        for (int i = 0; i < 3; i++) {
            parts.field("other" + i, new byte[4000]);
        }
        byte[] body = parts.close();

        HttpResponse<String> declared = postApi(body);
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(uri(API))
                        .header("Content-Type", RawMultipart.contentType())
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertRefused(declared, "UPLOAD_TOO_LARGE", "larger than 128 KB");
        assertRefused(chunked, "UPLOAD_TOO_LARGE", "larger than 128 KB");
    }

    @Test
    void filesBeyondTheLimitAreCountedOnTheStream() throws Exception {
        RawMultipart parts = new RawMultipart();
        for (int i = 1; i <= 4; i++) {
            parts.file("files", "file-" + i + ".txt", ("document " + i).getBytes());
        }

        HttpResponse<String> response = postApi(parts.close());

        assertRefused(response, "TOO_MANY_FILES", "at most 3 files");
    }

    @Test
    void partsOfAnyKindCountAgainstTheLimit() throws Exception {
        RawMultipart parts = new RawMultipart().file("files", "one.txt", "one".getBytes());
        for (int i = 0; i < 8; i++) {
            parts.field("unknown", "x");
        }

        HttpResponse<String> response = postApi(parts.close());

        assertRefused(response, "TOO_MANY_PARTS", "more than 8 parts");
    }

    @Test
    void partsThatAreNeitherFileNorMessageAreBounded() throws Exception {
        byte[] big = new byte[5000];
        byte[] unknownField = new RawMultipart()
                .file("files", "one.txt", "one".getBytes())
                .field("comment", big)
                .close();
        byte[] unknownFile = new RawMultipart()
                .file("files", "one.txt", "one".getBytes())
                .file("attachment", "x.bin", big)
                .close();
        byte[] emptyFileInputWithContent = new RawMultipart()
                .file("files", "one.txt", "one".getBytes())
                .file("files", "", big)
                .close();

        for (byte[] body : new byte[][] {unknownField, unknownFile, emptyFileInputWithContent}) {
            assertRefused(postApi(body), "PART_TOO_LARGE", "larger than 4 KB");
        }
    }

    @Test
    void anEndlessUnknownPartIsCutOff() throws Exception {
        byte[] start = new RawMultipart()
                .file("files", "one.txt", "one".getBytes())
                .field("endless", new byte[0])
                .open();
        // Everything after the part's headers is endless filler: the part never ends.
        byte[] head = Arrays.copyOf(start, start.length - 2);
        InputStream endless = new SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        });

        RawHttp.Response response = RawHttp.postChunked(ports.portOf(Face.SOURCE), API, endless);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("PART_TOO_LARGE");
        assertNothingKept();
    }

    @Test
    void aTooLongMessageSentFirstIsRefusedBeforeAnyFile() throws Exception {
        byte[] body = new RawMultipart()
                .field("message", "m".repeat(101))
                .file("files", "one.txt", "one".getBytes())
                .close();

        assertRefused(postApi(body), "MESSAGE_TOO_LONG", "longer than 100 characters");
    }

    @Test
    void aTooLongMessageAfterTheFilesKeepsTheFilesAndTheMessagesStart() throws Exception {
        String message = "é".repeat(60) + "x".repeat(60);
        byte[] body = new RawMultipart()
                .file("files", "one.txt", "the document".getBytes())
                .field("message", message)
                .close();

        HttpResponse<String> response = postApi(body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"messageCut\":true").contains("\"files\":1");
        assertThat(rows()).as("one submission, one file").isEqualTo(rowsBefore + 2);
        UUID id = newest();
        assertThat(submissions.overview(id).orElseThrow().messageCutAt()).isEqualTo(100);
        assertThat(submissions.read(id, "reviewer").message()).isEqualTo(message.substring(0, 100));
    }

    @Test
    void theFormSendsTheMessageFirstAndExplainsEveryRefusal() throws Exception {
        HttpResponse<String> form = get("/");
        assertThat(form.body().indexOf("name=\"message\""))
                .isPositive()
                .isLessThan(form.body().indexOf("name=\"files\""));
        assertThat(form.body()).contains("64 KB</span> each").contains("128 KB</span> together");
        assertThat(form.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(form.body()).contains("action=\"/submit\"");

        HttpResponse<String> tooLarge = postForm(new RawMultipart()
                .field("message", "Minutes of <b>the</b> board")
                .file("files", "large.bin", new byte[70 * 1024])
                .close());
        HttpResponse<String> tooLong = postForm(new RawMultipart()
                .field("message", "z".repeat(150))
                .file("files", "one.txt", "one".getBytes())
                .close());
        HttpResponse<String> noFile =
                postForm(new RawMultipart().field("message", "only words").close());
        HttpResponse<String> cut = postForm(new RawMultipart()
                .file("files", "one.txt", "one".getBytes())
                .field("message", "y".repeat(150))
                .close());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(tooLarge.body()).contains("Your submission was not sent").contains("One file is larger than 64 KB");
        // The source's words come back in the form, escaped, to shorten or send again.
        assertThat(tooLarge.body()).contains(">Minutes of &lt;b&gt;the&lt;/b&gt; board</textarea>");
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.body()).contains(">" + "z".repeat(150) + "</textarea>");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("Choose at least one file").contains(">only words</textarea>");
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).contains("Your documents have arrived").contains("id=\"message-cut\"");
    }

    /**
     * Some HTTP libraries send a name outside ASCII as {@code filename*} (RFC 5987), alone or after
     * an ASCII fallback in {@code filename}: the file is taken as a file, under its real name.
     */
    @Test
    void aFileNameSentAsFilenameStarIsRead() throws Exception {
        String name = "Протокол №7.pdf";
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        byte[] body = new RawMultipart()
                .fileWithDisposition("form-data; name=\"files\"; filename*=UTF-8''" + encoded, new byte[50_000])
                .fileWithDisposition(
                        "form-data; name=\"files\"; filename=\"Protokol.pdf\"; filename*=utf-8''" + encoded,
                        "second".getBytes())
                .close();

        HttpResponse<String> response = postApi(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(submissions.read(newest(), "reviewer").documents())
                .extracting(SubmittedDocument::fileName)
                .containsExactly(name, name);
    }

    @Test
    void aFileNameIsKeptOnlyEncryptedAndNeverUsedAsAPath() throws Exception {
        String stored = "quarterly-report\u202Efdp.exe";
        byte[] body = new RawMultipart()
                .file("files", "..\\..\\x/../" + stored, "the document".getBytes())
                .close();

        HttpResponse<String> response = postApi(body);

        assertThat(response.statusCode()).isEqualTo(201);
        UUID id = newest();
        assertThat(submissions.read(id, "reviewer").documents())
                .singleElement()
                .satisfies(d -> assertThat(d.fileName()).isEqualTo(stored));
        PlaintextScanner scanner = new PlaintextScanner(List.of(stored.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
        assertThat(scanner.findInFiles(blobs)).isEmpty();
        try (Stream<Path> files = Files.walk(blobs.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.contains("fdp") || n.contains("report"));
        }
    }

    @Test
    void contentThatNearlyMatchesTheBoundaryArrivesExactlyWhateverPiecesItComesIn() throws Exception {
        // Every prefix of the delimiter, and the boundary without its leading line break: all of it is content.
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        String delimiter = "\r\n--" + RawMultipart.BOUNDARY;
        java.util.Random random = new java.util.Random(7);
        for (int i = 1; i < delimiter.length(); i++) {
            content.writeBytes(delimiter.substring(0, i).getBytes(StandardCharsets.US_ASCII));
            byte[] noise = new byte[random.nextInt(60)];
            random.nextBytes(noise);
            content.writeBytes(noise);
        }
        content.writeBytes(("--" + RawMultipart.BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
        content.writeBytes(delimiter.substring(0, delimiter.length() - 1).getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = content.toByteArray();
        byte[] body = new RawMultipart()
                .field("message", "Sent in odd pieces")
                .file("files", "near-misses.bin", bytes)
                .close();

        RawHttp.Response response =
                RawHttp.postChunked(ports.portOf(Face.SOURCE), API, new OddPieces(body, new java.util.Random(11)));

        assertThat(response.status()).isEqualTo(201);
        // The hash is taken when extraction reads the stored copy back: it covers what was stored.
        extraction.extractAll(newest());
        assertThat(submissions.read(newest(), "reviewer").documents())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.size()).isEqualTo(bytes.length);
                    assertThat(d.sha256())
                            .isEqualTo(java.util.HexFormat.of()
                                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                            .digest(bytes)));
                });
    }

    /** Hands out a body 1 to 40 bytes at a time, so part boundaries fall inside the server's reads. */
    private static final class OddPieces extends ByteArrayInputStream {
        private final java.util.Random random;

        OddPieces(byte[] body, java.util.Random random) {
            super(body);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] buffer, int off, int len) {
            return super.read(buffer, off, Math.min(len, 1 + random.nextInt(40)));
        }
    }

    private void assertRefused(HttpResponse<String> response, String reason, String explanation) throws IOException {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).contains("\"reason\":\"" + reason + "\"").contains(explanation);
        assertNothingKept();
    }

    private void assertNothingKept() throws IOException {
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(blobFiles()).isEqualTo(blobsBefore);
        try (Stream<Path> pending = Files.list(blobs.resolve("incoming"))) {
            assertThat(pending).isEmpty();
        }
    }

    /** The one submission stored since this test began (arrival times are coarse, so not the latest by time). */
    private UUID newest() {
        List<UUID> added = new ArrayList<>(
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list());
        added.removeAll(idsBefore);
        assertThat(added).hasSize(1);
        return added.get(0);
    }

    private long rows() {
        return jdbc.sql("SELECT COUNT(*) FROM submission").query(Long.class).single()
                + jdbc.sql("SELECT COUNT(*) FROM submission_file")
                        .query(Long.class)
                        .single();
    }

    private long blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private HttpResponse<String> postApi(byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(API))
                        .header("Content-Type", RawMultipart.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(byte[] body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri("/submit"))
                        .header("Content-Type", RawMultipart.contentType())
                        .header("Sec-Fetch-Site", "same-origin")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + path);
    }
}
