package org.leakdesk.infra;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encrypts objects for the newsroom. Holds only public keys: whatever it encrypts, it cannot
 * decrypt.
 *
 * <p>Each object gets a fresh 256-bit data key. The body is AES-256-GCM in fixed-size segments,
 * each authenticated with its index and a final-segment flag, so that tampering, truncation and
 * reordering are detected. The data key is wrapped to the newsroom key(s) as an OpenPGP message.
 */
public interface Encryptor {

    /**
     * Starts encrypting one object into {@code ciphertextSink}. Nothing reaches the sink
     * unencrypted; closing the returned plaintext stream writes the final segment and closes the
     * sink.
     *
     * @param objectRef names the object and its case; the ciphertext is bound to both and only
     *     decrypts under the same reference
     */
    Encryption encrypt(OutputStream ciphertextSink, ObjectRef objectRef) throws IOException;

    /**
     * {@link #encrypt(OutputStream, ObjectRef)} for an object whose length is known before it is
     * written: a short object gets segments no larger than it needs, which spares the heap
     * (writing and reading hold one segment twice). Writing more than announced is allowed and
     * simply takes more segments.
     */
    Encryption encrypt(OutputStream ciphertextSink, ObjectRef objectRef, long plaintextLength) throws IOException;

    /** Encrypts a small value in memory; same format and guarantees as {@link #encrypt}. */
    SealedValue seal(byte[] plaintext, ObjectRef objectRef);
}
