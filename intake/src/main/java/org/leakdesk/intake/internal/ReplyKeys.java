package org.leakdesk.intake.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.TamperedCiphertextException;

/**
 * Replies to a source: HPKE (RFC 9180, base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-256-GCM, Bouncy Castle's implementation) to a key pair derived from the codename with
 * HPKE's own DeriveKeyPair over an Argon2id seed. The reply's object reference (case and reply)
 * is the associated data, so a reply moved to another case or row does not open. Stored as the
 * encapsulated key (32 bytes) followed by the ciphertext.
 */
final class ReplyKeys {

    private static final byte[] INFO = "leakdesk source reply v1".getBytes(StandardCharsets.UTF_8);
    private static final int ENC_SIZE = 32;

    private ReplyKeys() {}

    /** The source's key pair from its seed; wipes the seed. */
    static AsymmetricCipherKeyPair derive(byte[] seed) {
        try {
            return hpke().deriveKeyPair(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    static byte[] publicKey(AsymmetricCipherKeyPair pair) {
        return hpke().serializePublicKey(pair.getPublic());
    }

    static byte[] seal(byte[] publicKey, byte[] plaintext, ObjectRef ref) {
        HPKE hpke = hpke();
        try {
            byte[][] ciphertextAndEnc =
                    hpke.seal(hpke.deserializePublicKey(publicKey), INFO, aad(ref), plaintext, null, null, null);
            byte[] ciphertext = ciphertextAndEnc[0];
            byte[] enc = ciphertextAndEnc[1];
            byte[] sealed = Arrays.copyOf(enc, enc.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, sealed, enc.length, ciphertext.length);
            return sealed;
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE could not encrypt a reply", e);
        }
    }

    static byte[] open(AsymmetricCipherKeyPair pair, byte[] sealed, ObjectRef ref) throws TamperedCiphertextException {
        if (sealed.length <= ENC_SIZE) {
            throw new TamperedCiphertextException(
                    ref.toString(), "reply", new IllegalArgumentException("shorter than its encapsulated key"));
        }
        byte[] enc = Arrays.copyOf(sealed, ENC_SIZE);
        byte[] ciphertext = Arrays.copyOfRange(sealed, ENC_SIZE, sealed.length);
        try {
            return hpke().open(enc, pair, INFO, aad(ref), ciphertext, null, null, null);
        } catch (InvalidCipherTextException | IllegalArgumentException e) {
            throw new TamperedCiphertextException(ref.toString(), "reply", e);
        }
    }

    private static byte[] aad(ObjectRef ref) {
        return ref.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }
}
