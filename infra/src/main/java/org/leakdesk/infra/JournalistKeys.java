package org.leakdesk.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Journalists' own OpenPGP public keys (added with {@code keys add-journalist}), for exporting a
 * document to an air-gapped machine as a standard OpenPGP file that GnuPG 2.2 reads.
 */
public interface JournalistKeys {

    /**
     * A journalist key that can receive exports.
     *
     * @param fingerprint the certificate's fingerprint, upper-case hex without spaces
     * @param name the certificate's first user id (a name and an address, as its owner wrote it)
     */
    record JournalistKey(String fingerprint, String name) {}

    /** The keys added so far that can receive exports, by name; unusable ones are left out. */
    List<JournalistKey> list() throws IOException;

    /**
     * Checks that a journalist key with this fingerprint was added and can receive exports.
     *
     * @throws UnknownJournalistKeyException when none was
     */
    void require(String fingerprint) throws IOException;

    /**
     * Starts an OpenPGP message (SEIPD v1, AES-256, not compressed) to the journalist's key. Write
     * the plaintext into the stream returned; closing it finishes the message but leaves {@code
     * out} open.
     *
     * @param fingerprint the journalist certificate's fingerprint (spaces and case do not matter);
     *     must not be null
     * @param fileName the name stored in the literal data packet (GnuPG offers it with
     *     {@code --use-embedded-filename}); must not be null
     * @param out where the encrypted file goes; must not be null
     * @throws UnknownJournalistKeyException when no journalist key has that fingerprint
     */
    OutputStream encryptTo(String fingerprint, String fileName, OutputStream out) throws IOException;
}
