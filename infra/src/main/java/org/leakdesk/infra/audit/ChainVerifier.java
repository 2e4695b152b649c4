package org.leakdesk.infra.audit;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.ChainVerification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The auditor's check of the access log: every checkpoint's signature, then one pass over the
 * sealed entries in a single REPEATABLE READ snapshot (so entries sealed meanwhile are neither
 * half-seen nor reported missing), recomputing the chain and the Merkle roots. It names the
 * first entry that fails.
 *
 * <p>A full rewrite (a fresh, self-consistent chain) passes the chain check but not the
 * checkpoints. To name the entry it changed, not only the checkpoint it broke, each entry's leaf
 * hash is compared with the witness's copy; that copy is trusted only up to the largest
 * checkpoint whose signed root it reproduces. Past that, a root mismatch names the first entry
 * after the last checkpoint that still held.
 */
final class ChainVerifier {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Witness witness;
    private final CheckpointKey key;

    ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, Witness witness, CheckpointKey key) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.witness = witness;
        this.key = key;
    }

    ChainVerification verify() {
        List<Checkpoint> checkpoints;
        try {
            checkpoints = witness.checkpoints();
        } catch (IllegalStateException e) {
            return new ChainVerification(0, 0, null, e.getMessage());
        }
        for (Checkpoint checkpoint : checkpoints) {
            if (!checkpoint.signedBy(key)) {
                return new ChainVerification(
                        0, 0, null, "the checkpoint of " + checkpoint.size() + " entries has no valid signature");
            }
        }
        byte[] trustedLeaves = trustedLeaves(checkpoints);
        Walk walk = new Walk(checkpoints, trustedLeaves);
        snapshot.executeWithoutResult(status -> jdbc.query(
                con -> {
                    var statement = con.prepareStatement(
                            "SELECT " + StoredEntry.COLUMNS + " FROM access_log ORDER BY sequence");
                    // Streams in a transaction instead of holding a million rows in memory.
                    statement.setFetchSize(10_000);
                    return statement;
                },
                rs -> {
                    if (walk.failure == null) {
                        walk.accept(StoredEntry.read(rs));
                    }
                }));
        return walk.result();
    }

    /** The witness's leaf hashes as far as signed roots prove them. */
    private byte[] trustedLeaves(List<Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            return new byte[0];
        }
        byte[] leaves = witness.leaves(checkpoints.get(checkpoints.size() - 1).size());
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

    /** The state of one pass over the entries, in sequence order. */
    private static final class Walk {

        private final List<Checkpoint> checkpoints;
        private final byte[] trustedLeaves;
        private final MerkleTree.Accumulator tree = new MerkleTree.Accumulator();
        private byte[] previousHash = ChainHash.GENESIS;
        private long checked;
        private int nextCheckpoint;
        private @Nullable ChainVerification failure;

        Walk(List<Checkpoint> checkpoints, byte[] trustedLeaves) {
            this.checkpoints = checkpoints;
            this.trustedLeaves = trustedLeaves;
        }

        void accept(StoredEntry stored) {
            long expected = checked + 1;
            byte[] encoded = stored.encoded();
            byte[] leaf = MerkleTree.leafHash(encoded);
            String problem = chainProblem(stored, expected, encoded);
            if (problem == null) {
                problem = witnessProblem(leaf);
            }
            if (problem != null) {
                fail(Math.min(stored.entry().sequence(), expected), problem);
                return;
            }
            previousHash = stored.entry().entryHash();
            checked = expected;
            tree.add(leaf);
            checkRoot();
        }

        private @Nullable String chainProblem(StoredEntry stored, long expected, byte[] encoded) {
            if (stored.entry().sequence() != expected) {
                return "entry " + expected + " is missing";
            }
            if (!Arrays.equals(stored.previousHash(), previousHash)) {
                return "its link to the previous entry was changed";
            }
            if (!Arrays.equals(
                    ChainHash.chain(previousHash, encoded), stored.entry().entryHash())) {
                return "its content does not match its hash";
            }
            return null;
        }

        private @Nullable String witnessProblem(byte[] leaf) {
            long offset = checked * Witness.HASH;
            if (offset >= trustedLeaves.length) {
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
            failure = new ChainVerification(checked, nextCheckpoint, sequence, problem);
        }

        ChainVerification result() {
            if (failure != null) {
                return failure;
            }
            if (nextCheckpoint < checkpoints.size()) {
                Checkpoint checkpoint = checkpoints.get(nextCheckpoint);
                return new ChainVerification(
                        checked,
                        nextCheckpoint,
                        checked + 1,
                        "entries after " + checked + " are missing: a checkpoint signed at " + checkpoint.time()
                                + " holds " + checkpoint.size());
            }
            return new ChainVerification(checked, checkpoints.size(), null, null);
        }
    }
}
