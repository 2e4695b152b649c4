package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.testing.Multipart;

/**
 * The packaged jar on PostgreSQL, killed (SIGKILL) at random moments while a source uploads 50
 * documents one after another, and started again each time. Every upload that got its receipt
 * is intact afterwards: after the last restart the worker decrypts each stored document for its
 * extraction, and the parser child's SHA-256 of what it was given, shown on the case page, is
 * the SHA-256 of what was sent. Then the blob sweeper (at start, once the crash leftovers are
 * older than its grace period) leaves no blob without a row and no row without a blob.
 *
 * <p>Random sizes, contents and kill moments come from one seed, printed; run again with
 * {@code -Dleakdesk.crash.seed=N} to repeat a run.
 */
// Four starts of the jar on a machine that may be busy: more than the default five minutes.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CrashIT {

    private static final int UPLOADS = 50;
    private static final int KILLS = 3;
    private static final long DEFAULT_SEED = 20261203L;
    // Uploads and restarts only, so that every document is first decrypted after the last kill.
    private static final String NO_WORKER = "--leakdesk.roles=source,staff";
    private static final String ALL_ROLES = "--leakdesk.roles=source,staff,worker";

    @TempDir
    Path folder;

    private PackagedDatabase database;
    private final AtomicReference<PackagedApplication> running = new AtomicReference<>();
    private int sourcePort;
    private int staffPort;

    private record Upload(int number, String sha256, int size, boolean receipted) {}

    @AfterEach
    void stop() throws InterruptedException {
        PackagedApplication application = running.get();
        if (application != null) {
            application.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyReceiptedUploadSurvivesKillsAndNothingIsLeftHalfWritten() throws Exception {
        long seed = Long.getLong("leakdesk.crash.seed", DEFAULT_SEED);
        System.out.println("CrashIT: seed " + seed + " (repeat with -Dleakdesk.crash.seed=" + seed + ")");
        Random contents = new Random(seed);
        Random moments = new Random(seed ^ 0x5DEECE66DL);
        database = PackagedDatabase.fresh("crash_it");
        sourcePort = PackagedApplication.freePort();
        staffPort = PackagedApplication.freePort();

        PackagedApplication first = start(NO_WORKER);
        Map<String, String> passwords =
                await().atMost(Duration.ofSeconds(30)).until(first::passwords, found -> found.containsKey("reviewer"));

        CompletableFuture<List<Upload>> uploads = CompletableFuture.supplyAsync(() -> uploadAll(contents));
        for (int kill = 1; kill <= KILLS; kill++) {
            Thread.sleep(200 + moments.nextInt(1300));
            running.get().kill();
            System.out.println("CrashIT: kill " + kill);
            if (kill < KILLS) {
                start(NO_WORKER);
            }
        }
        // The crash leftovers age past the sweeper's grace period (10 minutes at least) while it is down.
        Set<String> leftovers = olderThanTheGracePeriod();
        start(ALL_ROLES);
        List<Upload> sent = uploads.get(5, TimeUnit.MINUTES);

        List<Upload> receipted = sent.stream().filter(Upload::receipted).toList();
        System.out.printf(
                "CrashIT: %d uploads, %d with a receipt, %d cut by a kill; %d blob files left by the kills%n",
                sent.size(), receipted.size(), sent.size() - receipted.size(), leftovers.size());
        assertThat(sent).hasSize(UPLOADS);
        assertThat(receipted.size()).as("kills cut some uploads").isLessThan(UPLOADS);

        assertThat(blobFiles()).as("no blob without a row").isEqualTo(referencedBlobs());
        assertThat(incoming()).as("no unfinished upload left").isEmpty();
        assertThat(count("SELECT COUNT(*) FROM access_log WHERE action = 'BLOBS_SWEPT'"))
                .isPositive();

        long cases = count("SELECT COUNT(*) FROM submission");
        assertThat(cases).isBetween((long) receipted.size(), (long) UPLOADS);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'triage'") == cases);

        Map<String, String> stored = decryptedDigests(passwords.get("reviewer"));
        for (Upload upload : receipted) {
            assertThat(stored)
                    .as("upload %d (%d bytes) got a receipt", upload.number(), upload.size())
                    .containsEntry(upload.sha256(), upload.sha256());
        }
    }

    private PackagedApplication start(String roles) throws IOException {
        PackagedApplication application = PackagedApplication.launch(
                        folder,
                        PackagedApplication.QUICK_START,
                        sourcePort,
                        staffPort,
                        database.environment(),
                        List.of(
                                roles,
                                "--leakdesk.source.rate.submissions-per-minute=100000",
                                "--leakdesk.intake.warm-up=0",
                                "--leakdesk.extraction.children=1"))
                .awaitStarted();
        running.set(application);
        return application;
    }

    /** Sends {@value #UPLOADS} documents one after another; an upload a kill cuts is not sent again. */
    private List<Upload> uploadAll(Random contents) {
        List<Upload> sent = new ArrayList<>();
        try {
            for (int number = 1; number <= UPLOADS; number++) {
                byte[] document = new byte[64 * 1024 + contents.nextInt(4 * 1024 * 1024)];
                contents.nextBytes(document);
                Thread.sleep(contents.nextInt(100)); // a source's pause between two uploads
                String sha256 = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(document));
                await().atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(100))
                        .until(this::sourcePortAnswers);
                boolean receipted;
                try {
                    HttpResponse<String> answer = SourceApi.submit(
                            sourcePort,
                            new Multipart()
                                    .file("files", "upload-" + number + ".bin", "application/octet-stream", document));
                    receipted = answer.statusCode() == 201 && answer.body().contains("\"receipt\"");
                } catch (IOException cut) {
                    receipted = false;
                }
                sent.add(new Upload(number, sha256, document.length, receipted));
            }
            return sent;
        } catch (Exception e) {
            throw new IllegalStateException("upload " + (sent.size() + 1), e);
        }
    }

    private boolean sourcePortAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", sourcePort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sets every blob file back two hours, as if the application stayed down that long; returns the unreferenced ones. */
    private Set<String> olderThanTheGracePeriod() throws Exception {
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        try (Stream<Path> files = Files.walk(blobRoot())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, longAgo);
            }
        }
        Set<String> leftovers = new TreeSet<>(blobFiles());
        leftovers.removeAll(referencedBlobs());
        leftovers.addAll(incoming());
        return leftovers;
    }

    /** Page by page as the reviewer reads them: each document's SHA-256 as the parser child computed it, by the SHA-256 recorded at upload. */
    private Map<String, String> decryptedDigests(String password) throws Exception {
        StaffClient reviewer = StaffClient.signIn(staffPort, "reviewer", password);
        Map<String, String> digests = new java.util.HashMap<>();
        for (String caseId : caseIds()) {
            Document page = reviewer.page("/cases/" + caseId);
            for (Element document : page.select("article.document")) {
                String recorded = document.selectFirst("dl.facts dd.hash").text();
                Element digest = document.select("table.fields tr").stream()
                        .filter(row -> row.selectFirst("th") != null
                                && row.selectFirst("th").text().equals("X-TIKA:digest:SHA256"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no digest of the decrypted document in case " + caseId));
                digests.put(
                        recorded.toLowerCase(), digest.selectFirst("td").text().toLowerCase());
            }
        }
        return digests;
    }

    private Path blobRoot() {
        return folder.resolve("data/blobs");
    }

    /** Committed blob files, by name (their id). */
    private Set<String> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(blobRoot())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getParent().getFileName().toString().equals("incoming"))
                    .map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private Set<String> incoming() throws IOException {
        Path incoming = blobRoot().resolve("incoming");
        if (!Files.isDirectory(incoming)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private Set<String> referencedBlobs() throws SQLException {
        return strings(
                "SELECT blob_id::text FROM submission_file UNION SELECT blob_id::text FROM submission_file_scrubbed");
    }

    private Set<String> caseIds() throws SQLException {
        return strings("SELECT id::text FROM submission");
    }

    private Set<String> strings(String sql) throws SQLException {
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            Set<String> values = new TreeSet<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
