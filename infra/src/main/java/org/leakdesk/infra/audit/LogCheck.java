package org.leakdesk.infra.audit;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.ChainVerification;

/**
 * One pass of the access log's verification over entries in sequence order, from whatever
 * source: the database's snapshot ({@link ChainVerifier}) or an export read offline ({@link
 * VerifyLogCommand}).
 *
 * <p>First every checkpoint's signature is checked, and the witness's leaf hashes are trusted
 * only up to the largest checkpoint whose signed root they reproduce. Then each entry: its link to
 * the previous entry, its hash over its content, and its Merkle leaf against the witness's copy
 * (so a full rewrite, a fresh self-consistent chain, is caught at the entry it changed). For the
 * whole log the Merkle roots are recomputed and compared with every checkpoint; a part of the log
 * (an export of a filter or range) is checked entry by entry, with each run of consecutive
 * entries checked as a chain.
 */
final class LogCheck {

    private final List<Checkpoint> checkpoints;
    private final byte[] trustedLeaves;
    private final boolean wholeLog;
    private final MerkleTree.Accumulator tree = new MerkleTree.Accumulator();
    private byte @Nullable [] previousHash;
    private long last;
    private long checked;
    private long witnessed;
    private int nextCheckpoint;
    private @Nullable ChainVerification failure;

    private LogCheck(List<Checkpoint> checkpoints, byte[] trustedLeaves, boolean wholeLog) {
        this.checkpoints = checkpoints;
        this.trustedLeaves = trustedLeaves;
        this.wholeLog = wholeLog;
    }

    /**
     * Starts a check: reads the witness's checkpoints (and {@code extra}, such as the one an
     * export carries), checks their signatures and how far the witness's leaves are proven.
     *
     * @param wholeLog true when the entries will be every entry from the first; false for a part
     */
    static LogCheck start(Witness witness, CheckpointPublicKey key, List<Checkpoint> extra, boolean wholeLog) {
        List<Checkpoint> checkpoints;
        try {
            List<Checkpoint> witnessed = witness.checkpoints();
            for (Checkpoint checkpoint : java.util.stream.Stream.concat(witnessed.stream(), extra.stream())
                    .toList()) {
                if (!checkpoint.signedBy(key)) {
                    return failed("the checkpoint of " + checkpoint.size() + " entries has no valid signature by key "
                            + key.id());
                }
            }
            checkpoints = Checkpoint.merge(witnessed, extra);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        byte[] leaves = checkpoints.isEmpty()
                ? new byte[0]
                : witness.leaves(checkpoints.get(checkpoints.size() - 1).size());
        LogCheck check = new LogCheck(checkpoints, trustedLeaves(checkpoints, leaves), wholeLog);
        if (!wholeLog && check.provenSize() < check.lastCheckpointSize()) {
            // A part of the log is checked against the leaves alone, so they must hold every checkpoint.
            check.failure = new ChainVerification(
                    0,
                    0,
                    null,
                    "the witness's leaf hashes do not reproduce the checkpoint of " + check.lastCheckpointSize()
                            + " entries: the witness directory was changed or is incomplete");
        }
        return check;
    }

    private static LogCheck failed(@Nullable String problem) {
        LogCheck check = new LogCheck(List.of(), new byte[0], true);
        check.failure = new ChainVerification(0, 0, null, problem == null ? "the witness cannot be read" : problem);
        return check;
    }

    /** The leaf hashes as far as signed roots prove them. */
    private static byte[] trustedLeaves(List<Checkpoint> checkpoints, byte[] leaves) {
        MerkleTree.Accumulator tree = new MerkleTree.Accumulator();
        long proven = 0;
        int next = 0;
        for (int offset = 0; offset < leaves.length && next < checkpoints.size(); offset += Witness.HASH) {
            tree.add(Arrays.copyOfRange(leaves, offset, offset + Witness.HASH));
            while (next < checkpoints.size() && checkpoints.get(next).size() == tree.size()) {
                if (!Arrays.equals(tree.root(), checkpoints.get(next).root())) {
                    return Arrays.copyOf(leaves, Math.toIntExact(proven * Witness.HASH));
                }
                proven = tree.size();
                next++;
            }
        }
        return Arrays.copyOf(leaves, Math.toIntExact(proven * Witness.HASH));
    }

    /** True once a problem was found: later entries are not looked at. */
    boolean failed() {
        return failure != null;
    }

    void accept(AccessLogEntry entry) {
        if (failure != null) {
            return;
        }
        long expected = last + 1;
        byte[] encoded = StoredEntry.encoded(entry);
        byte[] leaf = MerkleTree.leafHash(encoded);
        String problem = chainProblem(entry, expected, encoded);
        if (problem == null) {
            problem = witnessProblem(entry.sequence(), leaf);
        }
        if (problem != null) {
            fail(Math.min(entry.sequence(), wholeLog ? expected : entry.sequence()), problem);
            return;
        }
        previousHash = entry.entryHash();
        last = entry.sequence();
        checked++;
        if (entry.sequence() * Witness.HASH <= trustedLeaves.length) {
            witnessed++;
        }
        if (wholeLog) {
            tree.add(leaf);
            checkRoot();
        }
    }

    private @Nullable String chainProblem(AccessLogEntry entry, long expected, byte[] encoded) {
        boolean follows = entry.sequence() == expected;
        if (!follows && (wholeLog || entry.sequence() < expected)) {
            return wholeLog ? "entry " + expected + " is missing" : "entries are out of order";
        }
        byte[] link = entry.sequence() == 1 ? ChainHash.GENESIS : follows ? previousHash : null;
        if (link != null && !Arrays.equals(entry.previousHash(), link)) {
            return "its link to the previous entry was changed";
        }
        if (!Arrays.equals(ChainHash.chain(entry.previousHash(), encoded), entry.entryHash())) {
            return "its content does not match its hash";
        }
        return null;
    }

    private @Nullable String witnessProblem(long sequence, byte[] leaf) {
        long offset = (sequence - 1) * Witness.HASH;
        if (offset + Witness.HASH > trustedLeaves.length) {
            return null;
        }
        byte[] witnessed = Arrays.copyOfRange(trustedLeaves, (int) offset, (int) offset + Witness.HASH);
        return Arrays.equals(witnessed, leaf)
                ? null
                : "it differs from the entry a signed checkpoint holds (the log was rewritten from here)";
    }

    private void checkRoot() {
        while (nextCheckpoint < checkpoints.size()
                && checkpoints.get(nextCheckpoint).size() == checked) {
            Checkpoint checkpoint = checkpoints.get(nextCheckpoint);
            if (!Arrays.equals(tree.root(), checkpoint.root())) {
                long from = nextCheckpoint == 0
                        ? 1
                        : checkpoints.get(nextCheckpoint - 1).size() + 1;
                fail(
                        from,
                        "entries " + from + " to " + checkpoint.size() + " do not match the checkpoint signed at "
                                + checkpoint.time());
                return;
            }
            nextCheckpoint++;
        }
    }

    private void fail(long sequence, String problem) {
        failure = new ChainVerification(checked, wholeLog ? nextCheckpoint : checkpoints.size(), sequence, problem);
    }

    ChainVerification result() {
        if (failure != null) {
            return failure;
        }
        if (wholeLog && nextCheckpoint < checkpoints.size()) {
            Checkpoint checkpoint = checkpoints.get(nextCheckpoint);
            return new ChainVerification(
                    checked,
                    nextCheckpoint,
                    checked + 1,
                    "entries after " + checked + " are missing: a checkpoint signed at " + checkpoint.time() + " holds "
                            + checkpoint.size());
        }
        return new ChainVerification(checked, checkpoints.size(), null, null);
    }

    /** How many of the checked entries a signed checkpoint covers (the rest are newer than the last one). */
    long witnessed() {
        return witnessed;
    }

    /** How many entries the witness's leaves are proven for by signed roots. */
    long provenSize() {
        return trustedLeaves.length / Witness.HASH;
    }

    long lastCheckpointSize() {
        return checkpoints.isEmpty()
                ? 0
                : checkpoints.get(checkpoints.size() - 1).size();
    }

    List<Checkpoint> checkpoints() {
        return checkpoints;
    }
}
