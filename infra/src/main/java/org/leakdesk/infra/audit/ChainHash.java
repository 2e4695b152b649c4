package org.leakdesk.infra.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The access log's hashes. An entry's canonical encoding uses fixed-width numbers,
 * length-prefixed UTF-8 strings and -1 for null, so no two different entries encode alike. The
 * chain hash is SHA-256 over a domain-separation tag, the previous entry's hash and that
 * encoding; the Merkle leaf (RFC 9162) is SHA-256 over 0x00 and the same encoding.
 */
final class ChainHash {

    static final byte[] GENESIS = new byte[32];
    private static final byte[] DOMAIN = "LeakDesk access log entry v1\0".getBytes(StandardCharsets.US_ASCII);

    private ChainHash() {}

    static byte[] encode(
            long sequence,
            Instant recordedAt,
            String actor,
            String action,
            @Nullable String subject,
            @Nullable String detail) {
        byte[][] texts = {utf8(actor), utf8(action), utf8(subject), utf8(detail)};
        int length = 16;
        for (byte[] text : texts) {
            length += 4 + (text == null ? 0 : text.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length)
                .putLong(sequence)
                .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, recordedAt));
        for (byte[] text : texts) {
            if (text == null) {
                buffer.putInt(-1);
            } else {
                buffer.putInt(text.length).put(text);
            }
        }
        return buffer.array();
    }

    /** The chain hash of an entry whose canonical encoding is {@code encoded}. */
    static byte[] chain(byte[] previousHash, byte[] encoded) {
        MessageDigest sha256 = sha256();
        sha256.update(DOMAIN);
        sha256.update(previousHash);
        return sha256.digest(encoded);
    }

    private static byte @Nullable [] utf8(@Nullable String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
