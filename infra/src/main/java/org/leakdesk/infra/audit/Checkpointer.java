package org.leakdesk.infra.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signs the Merkle root of the whole sealed log and leaves it, with the new entries' leaf
 * hashes, in the witness directory. Runs on a schedule (only when there are new entries) and on
 * demand.
 */
final class Checkpointer {

    private final JdbcClient jdbc;
    private final Sealer sealer;
    private final Witness witness;
    private final CheckpointKey key;
    private final Clock clock;

    Checkpointer(JdbcClient jdbc, Sealer sealer, Witness witness, CheckpointKey key, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.witness = witness;
        this.key = key;
        this.clock = clock;
    }

    /** Writes a checkpoint if entries were sealed since the last one; returns it, or empty. */
    synchronized Optional<Checkpoint> checkpoint() {
        sealer.sealOutstanding();
        List<Checkpoint> checkpoints = witness.checkpoints();
        long from = checkpoints.isEmpty()
                ? 0
                : checkpoints.get(checkpoints.size() - 1).size();
        List<byte[]> leaves = jdbc.sql(
                        "SELECT " + StoredEntry.COLUMNS + " FROM access_log WHERE sequence > ? ORDER BY sequence")
                .param(from)
                .query((rs, n) -> MerkleTree.leafHash(StoredEntry.encoded(StoredEntry.read(rs))))
                .list();
        if (leaves.isEmpty()) {
            return Optional.empty();
        }
        long size = from + leaves.size();
        witness.writeLeaves(from, leaves);
        Checkpoint checkpoint = Checkpoint.sign(size, root(size), Instant.now(clock), key);
        witness.write(checkpoint);
        return Optional.of(checkpoint);
    }

    /** The root over the witness's own leaf file: O(size) hashing, no database read of old entries. */
    private byte[] root(long size) {
        byte[] leaves = witness.leaves(size);
        if (leaves.length != size * Witness.HASH) {
            throw new IllegalStateException("The witness's leaf file in " + witness.directory() + " is short");
        }
        MerkleTree.Accumulator tree = new MerkleTree.Accumulator();
        for (int offset = 0; offset < leaves.length; offset += Witness.HASH) {
            tree.add(Arrays.copyOfRange(leaves, offset, offset + Witness.HASH));
        }
        return tree.root();
    }
}
