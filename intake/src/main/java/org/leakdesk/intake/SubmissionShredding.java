package org.leakdesk.intake;

import java.util.UUID;

/**
 * Destroys a submission's objects for good (crypto-shredding): every wrapped data key and
 * ciphertext of its documents, extracted metadata and text, scrubbed copies and message is
 * deleted, and the encrypted blobs are removed. The submission row and the access log stay.
 */
public interface SubmissionShredding {

    /**
     * Shreds the submission. Idempotent: a second call (a retried job) destroys what may be left
     * after an interruption and otherwise nothing. Blobs are removed before the keys, so an
     * interruption leaves at worst keys to blobs that no longer exist, never a readable object.
     * Writes nothing to the access log: the caller records the destruction.
     *
     * @throws SubmissionNotFoundException if there is no such submission
     */
    ShreddedObjects shred(UUID submissionId);

    /**
     * What one call destroyed.
     *
     * @param documents documents whose keys were deleted
     * @param extractions extracted metadata and texts deleted
     * @param scrubbedCopies scrubbed copies deleted
     * @param message the source's messages (the first and follow-ups') and replies to the source
     *     deleted
     * @param blobs blobs removed
     */
    record ShreddedObjects(int documents, int extractions, int scrubbedCopies, int message, int blobs) {

        /** A short, content-free line for the access log. */
        public String summary() {
            return documents + " documents, " + extractions + " extractions, " + scrubbedCopies + " scrubbed copies, "
                    + message + " message, " + blobs + " blobs";
        }
    }
}
