package org.leakdesk.infra.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.ChainVerification;

/**
 * {@code java -jar leakdesk.jar verify-log ...}: the auditor's verifier without the application
 * or its database, over an export and a copy of the witness directory.
 *
 * <pre>
 * verify-log --witness DIR --public-key KEY [--export FILE.jsonl [--complete]]
 * verify-log prove --witness DIR --sequence N
 * verify-log check-proof --proof FILE --export FILE.jsonl --public-key KEY
 * </pre>
 *
 * KEY is a file holding {@code ed25519 <base64>} (the witness directory's {@code
 * checkpoint-key.pub}, or better the copy written down at set-up) or that text itself. Exit
 * status: 0 when everything checked holds, 1 when something does not (the first bad entry is
 * named), 2 when the command itself is wrong or a file cannot be read.
 */
public final class VerifyLogCommand {

    static final int INTACT = 0;
    static final int TAMPERED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage:
              verify-log --witness DIR --public-key KEY [--export FILE.jsonl [--complete]]
                  checks the witness's signed checkpoints and, with --export, every entry of an export
                  (--complete: the export must hold every entry from the first, unfiltered)
              verify-log prove --witness DIR --sequence N
                  prints an inclusion proof for entry N against the smallest checkpoint that covers it
              verify-log check-proof --proof FILE --export FILE.jsonl --public-key KEY
                  checks that the export's entry is in the log the proof's signed checkpoint commits to
            KEY is a file with 'ed25519 <base64>' (such as DIR/checkpoint-key.pub) or that text itself.""";

    private final PrintStream out;
    private final PrintStream err;

    private VerifyLogCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        VerifyLogCommand command = new VerifyLogCommand(out, err);
        try {
            if (!args.isEmpty() && args.get(0).equals("prove")) {
                return command.prove(
                        options(args.subList(1, args.size()), Set.of("--witness", "--sequence"), Set.of()));
            }
            if (!args.isEmpty() && args.get(0).equals("check-proof")) {
                return command.checkProof(
                        options(args.subList(1, args.size()), Set.of("--proof", "--export", "--public-key"), Set.of()));
            }
            return command.verify(options(args, Set.of("--witness", "--public-key", "--export"), Set.of("--complete")));
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("verify-log: " + e.getMessage());
            if (e instanceof UsageException) {
                err.println(USAGE_TEXT);
            }
            return USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("verify-log: cannot read " + e.getMessage());
            return USAGE;
        }
    }

    private int verify(Map<String, String> options) throws IOException {
        Witness witness = new Witness(directory(required(options, "--witness")));
        CheckpointPublicKey key = publicKey(required(options, "--public-key"));
        String exportName = options.get("--export");
        if (exportName == null) {
            return verifyWitness(witness, key);
        }
        ExportFile export = new ExportFile(Path.of(exportName));
        // The export's own checkpoint is read at its end: a first pass finds it, so it is checked with the rest.
        export.read(entry -> {});
        List<Checkpoint> carried = export.checkpoint() == null ? List.of() : List.of(export.checkpoint());
        boolean complete = options.containsKey("--complete");
        LogCheck check = LogCheck.start(witness, key, carried, complete);
        Range range = new Range();
        export.read(entry -> {
            range.add(entry);
            check.accept(entry);
        });
        ChainVerification result = check.result();
        if (!result.intact()) {
            out.println("NOT INTACT: "
                    + (result.firstBadSequence() == null
                            ? result.problem()
                            : "entry " + result.firstBadSequence() + ": " + result.problem()));
            out.println(result.entriesChecked() + " entries held before it.");
            return TAMPERED;
        }
        out.println("INTACT: " + range.describe() + ".");
        out.println(check.witnessed() + " of them are held by the signed checkpoints ("
                + check.checkpoints().size()
                + " checkpoints, key " + key.id() + ", the last of " + check.lastCheckpointSize() + " entries); "
                + (result.entriesChecked() - check.witnessed())
                + " are newer than the last checkpoint and were checked as a chain only.");
        if (!complete) {
            out.println("Entries left out of the export were not checked; use --complete on an unfiltered export.");
        }
        return INTACT;
    }

    private int verifyWitness(Witness witness, CheckpointPublicKey key) {
        LogCheck check = LogCheck.start(witness, key, List.of(), false);
        ChainVerification result = check.result();
        if (!result.intact()) {
            out.println("NOT INTACT: " + result.problem());
            return TAMPERED;
        }
        if (check.checkpoints().isEmpty()) {
            out.println("NOT INTACT: the witness directory holds no checkpoint");
            return TAMPERED;
        }
        out.println("INTACT: " + check.checkpoints().size() + " checkpoints signed by key " + key.id()
                + ", each consistent with the earlier ones; the leaf hashes of " + check.provenSize()
                + " entries reproduce them.");
        return INTACT;
    }

    private int prove(Map<String, String> options) {
        Witness witness = new Witness(directory(required(options, "--witness")));
        long sequence = number(required(options, "--sequence"));
        out.print(InclusionProof.of(witness, sequence).text());
        return INTACT;
    }

    private int checkProof(Map<String, String> options) throws IOException {
        InclusionProof proof = InclusionProof.parse(read(Path.of(required(options, "--proof"))));
        CheckpointPublicKey key = publicKey(required(options, "--public-key"));
        AccessLogEntry entry = new ExportFile(Path.of(required(options, "--export"))).find(proof.sequence());
        if (entry == null) {
            throw new IllegalArgumentException("the export holds no entry " + proof.sequence());
        }
        String problem = proof.problemWith(entry, key);
        if (problem != null) {
            out.println("NOT PROVEN: " + problem);
            return TAMPERED;
        }
        out.println("PROVEN: entry " + entry.sequence() + " (" + entry.action().name() + " by " + entry.actor() + " at "
                + entry.recordedAt() + ") is entry " + entry.sequence() + " of the "
                + proof.checkpoint().size()
                + " entries of the checkpoint signed at " + proof.checkpoint().time() + " by key " + key.id() + ".");
        return INTACT;
    }

    /** First and last sequence and gaps of the entries seen. */
    private static final class Range {
        private long first;
        private long last;
        private long count;

        void add(AccessLogEntry entry) {
            if (count == 0) {
                first = entry.sequence();
            }
            last = entry.sequence();
            count++;
        }

        String describe() {
            if (count == 0) {
                return "the export holds no entries";
            }
            long span = last - first + 1;
            return count + " entries checked, " + first + " to " + last
                    + (span == count ? "" : " (" + (span - count) + " in between are not in the export)");
        }
    }

    private static CheckpointPublicKey publicKey(String value) throws IOException {
        Path file = Path.of(value);
        return CheckpointPublicKey.parse(Files.isRegularFile(file) ? read(file) : value);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static Path directory(String value) {
        Path directory = Path.of(value);
        if (!Files.isDirectory(directory)) {
            throw new UsageException("the witness directory " + value + " does not exist");
        }
        return directory;
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("not an entry number: " + value);
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException(name + " is missing");
        }
        return value;
    }

    private static Map<String, String> options(List<String> args, Set<String> valued, Set<String> flags) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (flags.contains(name)) {
                options.put(name, "");
            } else if (valued.contains(name) && i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new UsageException("unknown or incomplete option: " + name);
            }
        }
        return options;
    }

    /** The command line itself is wrong. */
    private static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
