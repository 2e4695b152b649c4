package org.leakdesk.infra;

/**
 * The only way to decrypt: every decryption is preceded by an entry in the access log.
 * Available on the staff side once the newsroom private key has been unlocked at start.
 */
public interface Decryptor {

    /**
     * Writes {@code access} to the access log, committed before this returns so that the record
     * survives whatever happens next, and opens a session for it.
     *
     * @throws NewsroomKeyLockedException if the newsroom private key is not unlocked
     */
    DecryptionSession open(AccessRecord access);
}
