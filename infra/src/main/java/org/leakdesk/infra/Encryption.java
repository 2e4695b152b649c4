package org.leakdesk.infra;

import java.io.OutputStream;

/**
 * One object being encrypted: write its plaintext to {@code plaintext} and close it; store
 * {@code key} beside the ciphertext.
 *
 * @param plaintext stream that encrypts what is written to it; closing it finishes the object
 * @param key the object's data key, wrapped to the newsroom key(s)
 */
public record Encryption(OutputStream plaintext, WrappedKey key) {}
