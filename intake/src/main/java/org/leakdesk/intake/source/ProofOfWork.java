package org.leakdesk.intake.source;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;
import org.leakdesk.intake.internal.InstallationSecrets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * A small hash puzzle a browser with JavaScript solves before it submits, as GlobaLeaks does: it
 * costs a person a second and a flood a second per submission. The server issues a challenge
 * (random, with its expiry and difficulty, signed with HMAC-SHA256 so the server keeps nothing
 * until it is answered); the answer is a nonce such that SHA-256 of {@code challenge ":" nonce}
 * starts with {@code difficulty} zero bits. Checking costs one HMAC and one SHA-256; a checked
 * challenge is remembered until it expires, so it is good for one submission only.
 *
 * <p>The signing key is an installation secret and the answered challenges are rows in the
 * database until they expire, so a challenge issued by one source process is good on any other,
 * once.
 */
@Component
class ProofOfWork {

    /** What the browser needs to solve a challenge. */
    record Challenge(String token, int difficulty, long expiresInSeconds) {}

    private static final int ID_BYTES = 16;
    private static final int PAYLOAD_BYTES = ID_BYTES + Long.BYTES + 1;
    private static final int MAX_NONCE_LENGTH = 32;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final ProofOfWorkSettings settings;
    private final SecureRandom random;
    private final Clock clock;
    private final Supplier<SecretKeySpec> key;
    private final JdbcClient jdbc;

    ProofOfWork(ProofOfWorkSettings settings, SecureRandom random, InstallationSecrets secrets, JdbcClient jdbc) {
        this.settings = settings;
        this.random = random;
        this.clock = Clock.systemUTC();
        this.jdbc = jdbc;
        this.key = SingletonSupplier.of(() -> new SecretKeySpec(secrets.secret("proof-of-work-key", 32), "HmacSHA256"));
    }

    Challenge issue() {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        long expires = clock.instant().plus(settings.lifetime()).getEpochSecond();
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .put(id)
                .putLong(expires)
                .put((byte) settings.difficulty())
                .array();
        String token = BASE64.encodeToString(payload) + "." + BASE64.encodeToString(mac(payload));
        return new Challenge(token, settings.difficulty(), settings.lifetime().toSeconds());
    }

    /**
     * Checks an answer and uses its challenge up.
     *
     * @throws UploadRejectedException ({@link Reason#PROOF_OF_WORK}) when the challenge is not one
     *     of ours, has expired or was used, or the nonce does not solve it
     */
    void check(String token, String nonce) {
        byte[] payload = signedPayload(token);
        ByteBuffer fields = ByteBuffer.wrap(payload);
        fields.position(ID_BYTES);
        Instant expires = Instant.ofEpochSecond(fields.getLong());
        int difficulty = fields.get();
        Instant now = clock.instant();
        if (!now.isBefore(expires)) {
            throw refused("upload.refused.check-expired", "The browser check expired before the upload started.");
        }
        if (difficulty < settings.difficulty() || !solves(token, nonce, difficulty)) {
            throw refused("upload.refused.check-unsolved", "The browser check was not solved.");
        }
        useUp(BASE64.encodeToString(Arrays.copyOf(payload, ID_BYTES)), expires, now);
    }

    /** Records the challenge as answered; refuses one that any source process has seen answered. */
    private void useUp(String challenge, Instant expires, Instant now) {
        jdbc.sql("DELETE FROM intake_pow_used WHERE expires_at <= ?")
                .param(now.atOffset(ZoneOffset.UTC))
                .update();
        try {
            jdbc.sql("INSERT INTO intake_pow_used (challenge, expires_at) VALUES (?, ?)")
                    .params(challenge, expires.atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException used) {
            throw refused("upload.refused.check-used", "The browser check was already used for another upload.");
        }
    }

    private byte[] signedPayload(String token) {
        int dot = token.indexOf('.');
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (dot < 0 || payload.length != PAYLOAD_BYTES || !MessageDigest.isEqual(signature, mac(payload))) {
                throw refused("upload.refused.check-foreign", "The browser check was not issued here.");
            }
            return payload;
        } catch (IllegalArgumentException e) {
            throw refused("upload.refused.check-foreign", "The browser check was not issued here.");
        }
    }

    static boolean solves(String token, String nonce, int difficulty) {
        if (nonce.isEmpty() || nonce.length() > MAX_NONCE_LENGTH) {
            return false;
        }
        byte[] hash = sha256((token + ":" + nonce).getBytes(StandardCharsets.UTF_8));
        return leadingZeroBits(hash) >= difficulty;
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            bits += 8;
        }
        return bits;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.get());
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@code code} names the words in the source bundle. */
    private static UploadRejectedException refused(String code, String why) {
        return new UploadRejectedException(
                Reason.PROOF_OF_WORK, code, List.of(), why + " Nothing was kept; reload the page and send again.");
    }
}
