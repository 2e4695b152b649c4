package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogJsonLines;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.testing.TestAccessAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The offline verifier over real exports of the log in PostgreSQL and the witness directory the
 * application wrote: an intact export, a filtered one, and each way of tampering with an export
 * (a changed field, a dropped entry, a rewrite with fresh hashes, another signing key), named at
 * the first bad entry; an inclusion proof produced and checked for one entry.
 */
@SpringBootTest
class VerifyLogCommandTest {

    @Autowired
    AccessLog accessLog;

    @Autowired
    AuditProperties properties;

    @TempDir
    Path folder;

    @Test
    void anExportIsCheckedOfflineAndEachTamperingIsNamed() throws Exception {
        String actor = "offline-" + UUID.randomUUID();
        for (int i = 1; i <= 30; i++) {
            accessLog.recordNow(new AccessRecord(actor, TestAccessAction.CASE_VIEWED, null, String.format("d%03d", i)));
        }
        accessLog.checkpoint();
        for (int i = 31; i <= 34; i++) {
            accessLog.recordNow(new AccessRecord(actor, TestAccessAction.CASE_VIEWED, null, String.format("d%03d", i)));
        }
        String witness = properties.witnessDirectory().toString();
        String key = properties.witnessDirectory().resolve(Witness.PUBLIC_KEY).toString();

        List<String> whole = export(new AccessLogQuery(null, null, null, 1));
        Run intact = run("--witness", witness, "--public-key", key, "--export", write("whole", whole), "--complete");
        assertThat(intact.status()).as(intact.out()).isZero();
        assertThat(intact.out()).startsWith("INTACT").contains(" 0 are newer than the last checkpoint");

        List<String> mine = export(new AccessLogQuery(actor, null, null, 1));
        Run filtered = run("--witness", witness, "--public-key", key, "--export", write("mine", mine));
        assertThat(filtered.status()).as(filtered.out()).isZero();
        assertThat(filtered.out()).contains("34 entries checked").contains("34 of them are held by the signed");

        long seventh = sequenceOf(whole, "d007");
        List<String> changed = replace(whole, seventh, "d007", "d070");
        assertNotIntact(
                run("--witness", witness, "--public-key", key, "--export", write("changed", changed)),
                "entry " + seventh + ": its content does not match its hash");

        List<String> dropped = new ArrayList<>(whole);
        dropped.remove(lineOf(whole, seventh));
        assertNotIntact(
                run("--witness", witness, "--public-key", key, "--export", write("dropped", dropped), "--complete"),
                "entry " + seventh + ": entry " + seventh + " is missing");

        List<String> rewritten = rewriteFrom(whole, seventh, "d007", "d070");
        assertNotIntact(
                run("--witness", witness, "--public-key", key, "--export", write("rewritten", rewritten)),
                "entry " + seventh + ": it differs from the entry a signed checkpoint holds");

        Path otherKey = folder.resolve("other.pub");
        Files.writeString(
                otherKey,
                CheckpointKey.loadOrCreate(folder.resolve("other"), new java.security.SecureRandom())
                        .publicKey()
                        .text());
        assertNotIntact(
                run("--witness", witness, "--public-key", otherKey.toString(), "--export", write("w", whole)),
                "no valid signature");

        Run proof = run("prove", "--witness", witness, "--sequence", Long.toString(seventh));
        assertThat(proof.status()).as(proof.err()).isZero();
        Path proofFile = folder.resolve("entry.proof");
        Files.writeString(proofFile, proof.out());
        Run proven =
                run("check-proof", "--proof", proofFile.toString(), "--export", write("p", whole), "--public-key", key);
        assertThat(proven.status()).as(proven.out()).isZero();
        assertThat(proven.out()).startsWith("PROVEN: entry " + seventh);
        Run notProven = run(
                "check-proof", "--proof", proofFile.toString(), "--export", write("q", rewritten), "--public-key", key);
        assertThat(notProven.status()).isEqualTo(VerifyLogCommand.TAMPERED);
        assertThat(notProven.out()).startsWith("NOT PROVEN");

        Run wrong = run("--witness", folder.resolve("nowhere").toString(), "--public-key", key);
        assertThat(wrong.status()).isEqualTo(VerifyLogCommand.USAGE);
        assertThat(wrong.err()).contains("does not exist").contains("usage:");
    }

    private static void assertNotIntact(Run run, String problem) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(VerifyLogCommand.TAMPERED);
        assertThat(run.out()).startsWith("NOT INTACT").contains(problem);
    }

    private List<String> export(AccessLogQuery query) {
        List<String> lines = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        accessLog.export(query, entry -> {
            lines.add(AccessLogJsonLines.entry(entry));
            last.set(entry.sequence());
        });
        lines.add(AccessLogJsonLines.checkpoint(
                accessLog.checkpointCovering(last.get()).orElse("")));
        return lines;
    }

    private String write(String name, List<String> lines) throws IOException {
        Path file = folder.resolve(name + ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file.toString();
    }

    private static AccessLogEntry entry(String line) {
        return ((AccessLogJsonLines.EntryLine) AccessLogJsonLines.parse(line)).entry();
    }

    private static long sequenceOf(List<String> lines, String detail) {
        return lines.stream()
                .filter(line -> line.contains("\"detail\":\"" + detail + "\""))
                .map(line -> entry(line).sequence())
                .findFirst()
                .orElseThrow();
    }

    private static int lineOf(List<String> lines, long sequence) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"sequence\":" + sequence + ",")) {
                return i;
            }
        }
        throw new AssertionError("no entry " + sequence);
    }

    private static List<String> replace(List<String> lines, long sequence, String from, String to) {
        List<String> copy = new ArrayList<>(lines);
        int index = lineOf(lines, sequence);
        copy.set(index, lines.get(index).replace("\"" + from + "\"", "\"" + to + "\""));
        return copy;
    }

    /** Changes one entry and gives it and every later entry fresh, valid hashes: a chain that holds. */
    private static List<String> rewriteFrom(List<String> lines, long sequence, String from, String to) {
        List<String> copy = replace(lines, sequence, from, to);
        byte[] previous = null;
        for (int i = lineOf(lines, sequence); i < copy.size() - 1; i++) {
            AccessLogEntry e = entry(copy.get(i));
            byte[] link = previous == null ? e.previousHash() : previous;
            byte[] hash = ChainHash.chain(link, StoredEntry.encoded(e));
            copy.set(
                    i,
                    AccessLogJsonLines.entry(new AccessLogEntry(
                            e.sequence(), e.recordedAt(), e.actor(), e.action(), e.subject(), e.detail(), hash, link)));
            previous = hash;
        }
        return copy;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyLogCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {}
}
