package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;
import org.leakdesk.intake.CrashingUploader;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.Submissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real process is killed (SIGKILL) after it committed a document's blob and before it committed
 * the row: the blob is left with nothing referring to it. Once older than the grace period the
 * sweeper removes it, and leaves alone every blob a row refers to (however old), every blob younger
 * than the grace period and every upload still being written.
 */
@SpringBootTest
class BlobSweeperCrashTest {

    private static final Duration LONG_AGO = Duration.ofHours(2);

    @Autowired
    BlobSweeper sweeper;

    @Autowired
    BlobStore store;

    @Autowired
    SubmissionIntake intake;

    @Autowired
    Submissions submissions;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void aBlobLeftByAKilledProcessIsSweptAndNothingReferencedIsTouched() throws Exception {
        assertThat(sweeps()).as("a sweep ran when this context started").isNotEmpty();
        Set<BlobId> before = committed();

        BlobId orphan = blobOfAKilledUpload(before);
        assertThat(referencingRows(orphan)).isZero();
        Receipt kept = submit();
        BlobId referenced = onlyBlobOf(kept);
        BlobId youngOrphan = committedOrphan();
        Path stalePart = blobs.resolve("incoming").resolve(UUID.randomUUID() + ".part");
        Files.write(stalePart, new byte[100]);
        age(pathOf(orphan), pathOf(referenced), stalePart);

        BlobSweeper.Sweep sweep;
        try (PendingBlob inFlight = store.create()) {
            inFlight.stream().write(new byte[1000]);
            inFlight.stream().flush();
            sweep = sweeper.sweep();
            assertThat(pending()).as("the upload being written").contains(inFlight.id() + ".part");
        }

        assertThat(store.exists(orphan)).as("the killed process's blob").isFalse();
        assertThat(Files.exists(stalePart))
                .as("the killed process's unfinished file")
                .isFalse();
        assertThat(store.exists(referenced)).as("an old blob a row refers to").isTrue();
        assertThat(submissions.read(kept.submissionId(), "reviewer").documents())
                .singleElement()
                .satisfies(d -> assertThat(d.size()).isEqualTo(5));
        assertThat(store.exists(youngOrphan))
                .as("a blob younger than the grace period")
                .isTrue();
        assertThat(sweep.removed()).isPositive();
        assertThat(sweep.unfinished()).isPositive();
        assertThat(sweeps().get(0).detail())
                .startsWith("removed " + sweep.removed() + " of " + sweep.checked() + " blobs older than PT1H");
        assertThat(sweeps().get(0).actor()).isEqualTo(BlobSweeper.ACTOR);
        store.delete(youngOrphan);
    }

    /** Runs {@link CrashingUploader} in a child JVM, kills it with SIGKILL in the window, returns its blob. */
    private BlobId blobOfAKilledUpload(Set<BlobId> before) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        for (String property : List.of("spring.profiles.active", "leakdesk.test.database", "leakdesk.test.db.prefix")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add(CrashingUploader.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.equals(CrashingUploader.BLOB_WRITTEN)) {
                    break;
                }
            }
            assertThat(output).as("the child's output").contains(CrashingUploader.BLOB_WRITTEN);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no close()
            assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
        } finally {
            child.destroyForcibly();
        }
        Set<BlobId> left = committed();
        left.removeAll(before);
        assertThat(left).as("the killed process's blob").hasSize(1);
        return left.iterator().next();
    }

    private Receipt submit() throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("kept.txt", "text/plain", new ByteArrayInputStream("kept!".getBytes()));
            return draft.commit();
        }
    }

    private BlobId onlyBlobOf(Receipt receipt) {
        return new BlobId(jdbc.sql("SELECT blob_id FROM submission_file WHERE submission_id = ?")
                .param(receipt.submissionId())
                .query(UUID.class)
                .single());
    }

    private BlobId committedOrphan() throws IOException {
        try (PendingBlob blob = store.create()) {
            blob.stream().write(new byte[10]);
            blob.commit();
            return blob.id();
        }
    }

    private int referencingRows(BlobId blob) {
        return jdbc.sql("SELECT COUNT(*) FROM submission_file WHERE blob_id = ?")
                .param(blob.value())
                .query(Integer.class)
                .single();
    }

    private static void age(Path... files) throws IOException {
        for (Path file : files) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(LONG_AGO)));
        }
    }

    private Path pathOf(BlobId id) {
        String name = id.toString();
        return blobs.resolve(name.substring(0, 2)).resolve(name);
    }

    private Set<BlobId> committed() throws IOException {
        try (Stream<BlobId> ids = store.committedBefore(Instant.now().plusSeconds(3600))) {
            return ids.collect(Collectors.toCollection(HashSet::new));
        }
    }

    private List<String> pending() throws IOException {
        try (Stream<Path> files = Files.list(blobs.resolve("incoming"))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private List<AccessLogEntry> sweeps() {
        return accessLog.entries(new AccessLogQuery(null, IntakeAccessAction.BLOBS_SWEPT, null, 10));
    }
}
