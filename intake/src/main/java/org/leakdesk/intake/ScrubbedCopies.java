package org.leakdesk.intake;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/** Copies of documents without their metadata, for publication. The originals are never changed. */
public interface ScrubbedCopies {

    /**
     * Makes a scrubbed copy of one document of a submission, stored encrypted like the original.
     * The document is decrypted in memory and scrubbed in a parser child; the access log records
     * it first. If a copy exists already, it is returned as it is.
     *
     * @param staffMember the username the access is logged under
     * @throws SubmissionNotFoundException if the submission does not exist or holds no such document
     */
    ScrubOutcome make(UUID submissionId, UUID fileId, String staffMember);

    /**
     * Writes a scrubbed copy's content to {@code out}, decrypted as it streams; the access log
     * records the read first, under {@code reader}.
     *
     * @return the copy's description
     * @throws SubmissionNotFoundException if the submission holds no such document, or it has no
     *     scrubbed copy
     * @throws IOException if {@code out} fails, or the stored copy fails its integrity check
     */
    ScrubbedCopy write(UUID submissionId, UUID fileId, String reader, OutputStream out) throws IOException;

    /**
     * The submission's scrubbed copies, in document order, without decrypting the originals; the
     * access log records the read of their descriptions under {@code reader}.
     *
     * @throws SubmissionNotFoundException if there is no such submission
     */
    List<ScrubbedCopy> list(UUID submissionId, String reader);

    /** What came of a request for a scrubbed copy. */
    sealed interface ScrubOutcome {}

    /** The copy exists. */
    record Made(ScrubbedCopy copy) implements ScrubOutcome {}

    /** No copy could be made; the reason is a line for the reviewer. */
    record NotPossible(String reason) implements ScrubOutcome {}
}
