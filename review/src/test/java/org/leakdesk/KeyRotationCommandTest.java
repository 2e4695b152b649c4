package org.leakdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.infra.WrappedKeyColumns;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code keys rotate} as an administrator runs it, on a copy of the test key: killed with SIGKILL
 * in the middle (some keys re-wrapped, some not, the old key still in place), run again (it
 * carries on and swaps the keys), then rotated back to the test key, after which a document's body,
 * never touched, still decrypts to the bytes the source sent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class KeyRotationCommandTest {

    private static final int FILLER = 2000;

    @Autowired
    SubmissionIntake intake;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<WrappedKeyColumns> modules;

    @Autowired
    Decryptor decryptor;

    @Autowired
    BlobStore blobs;

    @Value("${leakdesk.keys.directory}")
    Path keys;

    @TempDir
    Path dir;

    @Test
    void anInterruptedRotationCarriesOnAndNoDocumentIsLost() throws Exception {
        byte[] document = new byte[256 << 10];
        new Random(13).nextBytes(document);
        UUID caseId = submit(document);
        List<UUID> filler = fillerRows(caseId);
        Path copy = copyOfTheTestKey();
        List<String> settings = List.of("leakdesk.keys.directory=" + copy, "leakdesk.keys.generate-demo-key=false");
        Map<String, byte[]> before = wrappedKeys();
        try {
            killInTheMiddle(settings);
            Map<String, byte[]> interrupted = wrappedKeys();
            long changed = changed(before, interrupted);
            assertThat(changed).as("re-wrapped before the kill").isPositive().isLessThan(before.size());
            assertThat(Files.readAllBytes(copy.resolve("newsroom.sec.asc")))
                    .isEqualTo(Files.readAllBytes(keys.resolve("newsroom.sec.asc")));
            assertThat(copy.resolve("rotation").resolve("newsroom.pub.asc")).exists();

            ApplicationProcess.Run resumed = ApplicationProcess.run(settings, "keys", "rotate", "--batch", "200");

            assertThat(resumed.status()).as(resumed.output()).isZero();
            assertThat(resumed.output()).contains("Resuming the rotation").containsPattern("Rotated to [0-9A-F]{40}");
            Map<String, byte[]> rotated = wrappedKeys();
            assertThat(rotated.keySet()).containsAll(before.keySet());
            assertThat(changed(before, rotated)).as("every key re-wrapped").isEqualTo(before.size());
            assertThat(copy.resolve("rotation")).doesNotExist();
            assertThat(Files.readAllBytes(copy.resolve("newsroom.sec.asc")))
                    .isNotEqualTo(Files.readAllBytes(keys.resolve("newsroom.sec.asc")));
            try (var retired = Files.list(copy.resolve("retired"))) {
                assertThat(retired.map(p -> p.getFileName().toString()).toList())
                        .anyMatch(name -> name.endsWith(".newsroom.sec.asc"));
            }
        } finally {
            rotateBackToTheTestKey(copy, settings);
        }
        assertThat(sha256(decryptBody(caseId))).isEqualTo(sha256(document));
        jdbc.sql("DELETE FROM submission WHERE id IN (:ids)")
                .param("ids", filler)
                .update();
    }

    /** Starts a rotation one key at a time and kills it (SIGKILL) after a few keys. */
    private void killInTheMiddle(List<String> settings) throws Exception {
        Process child = ApplicationProcess.start(settings, "keys", "rotate", "--batch", "1");
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int progress = 0;
            for (String line = lines.readLine(); line != null && progress < 20; line = lines.readLine()) {
                output.add(line);
                if (line.matches("[a-z_]+\\.[a-z_]+: \\d+ of \\d+")) {
                    progress++;
                }
            }
            assertThat(output).as("the rotation's output").anyMatch(line -> line.startsWith("Starting a rotation"));
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        } finally {
            child.destroyForcibly();
        }
    }

    /** The test key becomes the "next" key, and a rotation carries every key back to it. */
    private void rotateBackToTheTestKey(Path copy, List<String> settings) throws Exception {
        Path next = Files.createDirectories(copy.resolve("rotation"));
        Files.copy(keys.resolve("newsroom.sec.asc"), next.resolve("newsroom.sec.asc"));
        Files.copy(keys.resolve("newsroom.pub.asc"), next.resolve("newsroom.pub.asc"));
        ApplicationProcess.Run back = ApplicationProcess.run(settings, "keys", "rotate");
        assertThat(back.status()).as(back.output()).isZero();
    }

    private byte[] decryptBody(UUID caseId) throws Exception {
        record File(UUID id, UUID blob, byte[] key) {}
        File file = jdbc.sql(
                        "SELECT id, blob_id, content_key FROM submission_file WHERE submission_id = ? AND file_order = ?")
                .param(caseId)
                .param(2) // the document; the cover note is first
                .query((rs, n) -> new File(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3)))
                .single();
        DecryptionSession session = decryptor.open(
                new AccessRecord("test:rotation", IntakeAccessAction.CASE_VIEWED, caseId.toString(), "rotation test"));
        try (InputStream plain = session.decrypt(
                blobs.open(new BlobId(file.blob())),
                new WrappedKey(file.key()),
                new ObjectRef(caseId, "submission-file:" + file.id()))) {
            return plain.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private UUID submit(byte[] document) throws Exception {
        List<UUID> before = ids();
        try (SubmissionDraft draft = intake.begin()) {
            draft.setMessage("The plan, page by page.");
            draft.addFile("cover.txt", "text/plain", new ByteArrayInputStream("cover".getBytes()));
            draft.addFile("plan.bin", "application/octet-stream", new ByteArrayInputStream(document));
            draft.commit();
        }
        List<UUID> after = ids();
        after.removeAll(before);
        return after.get(0);
    }

    /** Rows enough that a kill lands in the middle: copies of the case's wrapped message key. */
    private List<UUID> fillerRows(UUID caseId) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < FILLER; i++) {
            ids.add(UUID.randomUUID());
        }
        jdbc.sql("""
                        INSERT INTO submission (id, received_at, codename_hash, message_key, message_ciphertext)
                        SELECT f.id, received_at, decode(md5(f.id::text), 'hex'), message_key, message_ciphertext
                        FROM submission, unnest(CAST(:ids AS uuid[])) AS f(id) WHERE submission.id = :case""")
                .param("ids", ids.toArray(new UUID[0]))
                .param("case", caseId)
                .update();
        return ids;
    }

    private Path copyOfTheTestKey() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("keys"));
        for (String file : List.of("newsroom.pub.asc", "newsroom.sec.asc", "newsroom.passphrase")) {
            Files.copy(keys.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    /** Every wrapped key in the database, by table, column and row. */
    private Map<String, byte[]> wrappedKeys() {
        Map<String, byte[]> all = new HashMap<>();
        for (WrappedKeyColumns module : modules) {
            for (WrappedKeyColumns.Column column : module.columns()) {
                jdbc.sql("SELECT " + column.idColumn() + ", " + column.keyColumn() + " FROM " + column.table()
                                + " WHERE " + column.keyColumn() + " IS NOT NULL")
                        .query((rs, n) -> all.put(
                                column.table() + "." + column.keyColumn() + "/" + rs.getString(1), rs.getBytes(2)))
                        .list();
            }
        }
        return all;
    }

    private static long changed(Map<String, byte[]> before, Map<String, byte[]> after) {
        return before.entrySet().stream()
                .filter(e -> !Arrays.equals(e.getValue(), after.get(e.getKey())))
                .count();
    }

    private List<UUID> ids() {
        return new ArrayList<>(
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list());
    }
}
