package org.leakdesk.infra;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Journalists' own OpenPGP public keys (added with {@code keys add-journalist}), for exporting a
 * document to an air-gapped machine as a standard OpenPGP file that GnuPG 2.2 reads.
 */
public interface JournalistKeys {

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
