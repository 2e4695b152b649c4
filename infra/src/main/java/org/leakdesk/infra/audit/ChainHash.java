package org.leakdesk.infra.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessAction;

/**
 * The access log's hash: SHA-256 over a domain-separation tag, the previous entry's hash and
 * the entry's canonical encoding (fixed-width numbers, length-prefixed UTF-8 strings, -1 for
 * null), so no two different entries encode alike.
 */
final class ChainHash {

    static final byte[] GENESIS = new byte[32];
    private static final byte[] DOMAIN = "LeakDesk access log entry v1\0".getBytes(StandardCharsets.US_ASCII);

    private ChainHash() {}

    static byte[] of(
            byte[] previousHash,
            long sequence,
            Instant recordedAt,
            String actor,
            AccessAction action,
            @Nullable String subject,
            @Nullable String detail) {
        MessageDigest sha256 = sha256();
        sha256.update(DOMAIN);
        sha256.update(previousHash);
        sha256.update(ByteBuffer.allocate(16)
                .putLong(sequence)
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, recordedAt))
                .array());
        update(sha256, actor);
        update(sha256, action.name());
        update(sha256, subject);
        update(sha256, detail);
        return sha256.digest();
    }

    private static void update(MessageDigest digest, @Nullable String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
