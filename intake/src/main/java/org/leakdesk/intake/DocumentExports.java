package org.leakdesk.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Takes a submitted document off the desk: for an air-gapped machine, decrypted in memory and
 * written as a standard OpenPGP file (SEIPD v1) encrypted to a journalist's own key, which GnuPG
 * 2.2 decrypts; or, for a member who may, the original itself.
 */
public interface DocumentExports {

    /**
     * What was exported.
     *
     * @param fileId the document's id
     * @param fileName the name the source gave it, as stored in the OpenPGP file's literal packet
     * @param size bytes of plaintext exported
     */
    record Exported(UUID fileId, String fileName, long size) {}

    /**
     * Writes the document to {@code out}, encrypted to the journalist key. The export is written to
     * the access log before anything is decrypted; an unknown key or document fails before that.
     *
     * @param submissionId the case
     * @param document the document's id, or its number on the case page (1 for the first)
     * @param fingerprint the journalist key's fingerprint (see {@code keys add-journalist})
     * @param exportedBy who the access log names
     * @throws SubmissionNotFoundException when the case has no such document
     * @throws org.leakdesk.infra.UnknownJournalistKeyException when no journalist key matches
     * @throws IOException when the document fails its integrity check or cannot be read or written
     */
    Exported export(UUID submissionId, String document, String fingerprint, String exportedBy, OutputStream out)
            throws IOException;

    /** Where a downloaded document goes, opened once its name is known. */
    @FunctionalInterface
    interface Destination {
        /**
         * @param fileName the name the source gave the document (untrusted: any characters)
         */
        OutputStream open(String fileName) throws IOException;
    }

    /**
     * Writes the document itself, decrypted, to the destination. The download is written to the
     * access log before anything is decrypted; an unknown document fails before that.
     *
     * @param document the document's id, or its number on the case page (1 for the first)
     * @param downloadedBy who the access log names
     * @throws SubmissionNotFoundException when the case has no such document
     * @throws SubmissionShreddedException when the case's documents were destroyed
     * @throws IOException when the document fails its integrity check or cannot be read or written
     */
    Exported download(UUID submissionId, String document, String downloadedBy, Destination destination)
            throws IOException;
}
