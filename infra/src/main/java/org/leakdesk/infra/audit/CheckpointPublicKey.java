package org.leakdesk.infra.audit;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The public half of the checkpoint key: all an auditor needs to check checkpoints, offline too.
 * Written as one line, {@code ed25519 <base64 of the 32-byte key>}; the auditor should compare
 * its {@link #id()} with the one written down when the newsroom set LeakDesk up, since whoever
 * can replace the witness's copy could also replace the key beside it.
 */
record CheckpointPublicKey(byte[] encoded) {

    private static final String PREFIX = "ed25519 ";

    CheckpointPublicKey {
        if (encoded.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + encoded.length);
        }
        encoded = encoded.clone();
    }

    /** Reads {@link #text()}, or the bare base64 of the key. */
    static CheckpointPublicKey parse(String text) {
        String value = text.strip();
        if (value.startsWith(PREFIX)) {
            value = value.substring(PREFIX.length()).strip();
        }
        try {
            return new CheckpointPublicKey(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: expected 'ed25519 <base64>'", e);
        }
    }

    boolean verify(byte[] message, byte[] signature) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(false, new Ed25519PublicKeyParameters(encoded, 0));
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }

    /** The first eight bytes of SHA-256 over the key, in hex: names the key in checkpoints. */
    String id() {
        return HexFormat.of().formatHex(ChainHash.sha256().digest(encoded), 0, 8);
    }

    String text() {
        return PREFIX + Base64.getEncoder().encodeToString(encoded) + "\n";
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CheckpointPublicKey key && Arrays.equals(encoded, key.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "CheckpointPublicKey[" + id() + "]";
    }
}
