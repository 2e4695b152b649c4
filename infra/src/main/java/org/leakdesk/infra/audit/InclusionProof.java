package org.leakdesk.infra.audit;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.leakdesk.infra.AccessLogEntry;

/**
 * An RFC 9162 inclusion proof: the audit path that shows entry {@code sequence} is leaf {@code
 * sequence - 1} of the tree a signed checkpoint commits to. Anyone with the entry (a line of an
 * export), this proof and the checkpoint key's public half can check it, without the rest of the
 * log.
 */
record InclusionProof(long sequence, List<byte[]> path, Checkpoint checkpoint) {

    private static final String HEADER = "LeakDesk access log inclusion proof v1";

    /** The proof for entry {@code sequence} in the smallest checkpoint that covers it, from the witness's leaves. */
    static InclusionProof of(Witness witness, long sequence) {
        Checkpoint checkpoint = witness.checkpoints().stream()
                .filter(c -> c.size() >= sequence)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no checkpoint covers entry " + sequence + " yet"));
        if (sequence < 1) {
            throw new IllegalArgumentException("entries are numbered from 1");
        }
        byte[] leaves = witness.leaves(checkpoint.size());
        if (leaves.length != checkpoint.size() * Witness.HASH) {
            throw new IllegalStateException("the witness's leaf file is shorter than its checkpoints");
        }
        List<byte[]> hashes = new ArrayList<>(Math.toIntExact(checkpoint.size()));
        for (int offset = 0; offset < leaves.length; offset += Witness.HASH) {
            hashes.add(java.util.Arrays.copyOfRange(leaves, offset, offset + Witness.HASH));
        }
        return new InclusionProof(
                sequence, MerkleTree.inclusionProof(hashes, Math.toIntExact(sequence - 1)), checkpoint);
    }

    /** Null when {@code entry} is in the log the signed checkpoint commits to; otherwise what is wrong. */
    String problemWith(AccessLogEntry entry, CheckpointPublicKey key) {
        if (entry.sequence() != sequence) {
            return "the proof is for entry " + sequence + ", not entry " + entry.sequence();
        }
        if (!checkpoint.signedBy(key)) {
            return "the proof's checkpoint has no valid signature by key " + key.id();
        }
        byte[] leaf = MerkleTree.leafHash(StoredEntry.encoded(entry));
        if (!MerkleTree.verifyInclusion(sequence - 1, checkpoint.size(), leaf, path, checkpoint.root())) {
            return "entry " + sequence + " is not the entry the signed checkpoint of " + checkpoint.size()
                    + " entries holds";
        }
        return null;
    }

    String text() {
        StringBuilder text =
                new StringBuilder(HEADER).append("\nsequence ").append(sequence).append('\n');
        for (byte[] hash : path) {
            text.append("path ").append(HexFormat.of().formatHex(hash)).append('\n');
        }
        return text.append(checkpoint.text()).toString();
    }

    /** Parses {@link #text()}; throws IllegalArgumentException for anything else. */
    static InclusionProof parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("sequence ")) {
            throw new IllegalArgumentException("not an inclusion proof");
        }
        long sequence = Long.parseLong(lines[1].substring("sequence ".length()));
        List<byte[]> path = new ArrayList<>();
        int line = 2;
        while (line < lines.length && lines[line].startsWith("path ")) {
            path.add(HexFormat.of().parseHex(lines[line].substring("path ".length())));
            line++;
        }
        StringBuilder checkpoint = new StringBuilder();
        for (; line < lines.length; line++) {
            checkpoint.append(lines[line]).append(line < lines.length - 1 ? "\n" : "");
        }
        return new InclusionProof(sequence, List.copyOf(path), Checkpoint.parse(checkpoint.toString()));
    }
}
