package org.leakdesk.infra.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.leakdesk.infra.Encryption;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.WrappedKey;

/** Encrypts each object under a fresh data key wrapped to the newsroom certificate(s). */
final class EnvelopeEncryptor implements Encryptor {

    private final OpenPgpKeyWrap keyWrap;
    private final SegmentedEnvelope envelope;
    private final SecureRandom random;

    EnvelopeEncryptor(OpenPgpKeyWrap keyWrap, SegmentedEnvelope envelope, SecureRandom random) {
        this.keyWrap = keyWrap;
        this.envelope = envelope;
        this.random = random;
    }

    @Override
    public Encryption encrypt(OutputStream ciphertextSink, ObjectRef objectRef) throws IOException {
        return start(dataKey -> envelope.encrypt(dataKey, ciphertextSink, objectRef));
    }

    @Override
    public Encryption encrypt(OutputStream ciphertextSink, ObjectRef objectRef, long plaintextLength)
            throws IOException {
        return start(dataKey -> envelope.encrypt(dataKey, ciphertextSink, objectRef, plaintextLength));
    }

    private interface Body {
        OutputStream open(byte[] dataKey) throws IOException;
    }

    private Encryption start(Body body) throws IOException {
        byte[] dataKey = new byte[SegmentedEnvelope.DATA_KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            WrappedKey wrapped = keyWrap.wrap(dataKey);
            return new Encryption(body.open(dataKey), wrapped);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public SealedValue seal(byte[] plaintext, ObjectRef objectRef) {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream(plaintext.length + 128);
        try {
            Encryption encryption = encrypt(ciphertext, objectRef, plaintext.length);
            try (OutputStream out = encryption.plaintext()) {
                out.write(plaintext);
            }
            return new SealedValue(encryption.key(), ciphertext.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Encrypting in memory failed", e);
        }
    }
}
