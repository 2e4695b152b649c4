package org.leakdesk.infra;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decrypts objects for one access that has already been written to the access log. Obtained
 * from {@link Decryptor#open}; do not keep it beyond the request or task it was opened for.
 */
public interface DecryptionSession {

    /**
     * Returns a stream of the object's plaintext. Reading it throws {@link
     * TamperedCiphertextException} as soon as a segment fails authentication, or at the end if
     * the final segment is missing.
     *
     * @param objectRef the reference (object and case) the object was encrypted under
     */
    InputStream decrypt(InputStream ciphertext, WrappedKey key, ObjectRef objectRef) throws IOException;

    /**
     * Decrypts a small value.
     *
     * @throws TamperedCiphertextException if the value or its key was altered, or belongs to
     *     another object or another case
     */
    byte[] open(SealedValue value, ObjectRef objectRef) throws TamperedCiphertextException;
}
