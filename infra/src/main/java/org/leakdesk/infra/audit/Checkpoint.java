package org.leakdesk.infra.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A signed tree head: the Merkle root of the first {@code size} entries at {@code time}. Stored
 * as a small text file; the signature covers every line before it, exactly as written.
 */
record Checkpoint(long size, byte[] root, Instant time, String keyId, byte[] signature) {

    private static final String HEADER = "LeakDesk access log checkpoint v1";

    static Checkpoint sign(long size, byte[] root, Instant time, CheckpointKey key) {
        byte[] body = body(size, root, time, key.id()).getBytes(StandardCharsets.UTF_8);
        return new Checkpoint(size, root, time, key.id(), key.sign(body));
    }

    boolean signedBy(CheckpointPublicKey key) {
        return key.id().equals(keyId)
                && key.verify(body(size, root, time, keyId).getBytes(StandardCharsets.UTF_8), signature);
    }

    String text() {
        return body(size, root, time, keyId) + "signature "
                + Base64.getEncoder().encodeToString(signature) + "\n";
    }

    /** Parses {@link #text()}; throws IllegalArgumentException for anything else. */
    static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length != 7 || !lines[0].equals(HEADER) || !lines[6].isEmpty()) {
            throw new IllegalArgumentException("not a checkpoint");
        }
        return new Checkpoint(
                Long.parseLong(field(lines[1], "size")),
                HexFormat.of().parseHex(field(lines[2], "root")),
                Instant.parse(field(lines[3], "time")),
                field(lines[4], "key"),
                Base64.getDecoder().decode(field(lines[5], "signature")));
    }

    /**
     * The checkpoints of both lists, smallest first, each size once; two different checkpoints of
     * the same size are an IllegalArgumentException (the log was forked).
     */
    static List<Checkpoint> merge(List<Checkpoint> first, List<Checkpoint> second) {
        Map<Long, Checkpoint> bySize = new TreeMap<>();
        for (Checkpoint checkpoint :
                java.util.stream.Stream.concat(first.stream(), second.stream()).toList()) {
            Checkpoint known = bySize.putIfAbsent(checkpoint.size(), checkpoint);
            if (known != null && !Arrays.equals(known.root(), checkpoint.root())) {
                throw new IllegalArgumentException("two checkpoints of " + checkpoint.size()
                        + " entries have different roots: the log was forked or rewritten");
            }
        }
        return List.copyOf(bySize.values());
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected " + name);
        }
        return line.substring(name.length() + 1);
    }

    private static String body(long size, byte[] root, Instant time, String keyId) {
        return HEADER + "\nsize " + size + "\nroot " + HexFormat.of().formatHex(root) + "\ntime " + time + "\nkey "
                + keyId + "\n";
    }
}
