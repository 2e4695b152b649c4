package org.leakdesk.infra;

/**
 * A small encrypted value kept in the database (a file's name, extracted metadata, a message):
 * the same envelope format as a stored document, held in memory.
 *
 * @param key the wrapped data key
 * @param ciphertext the envelope-encrypted bytes
 */
public record SealedValue(WrappedKey key, byte[] ciphertext) {}
