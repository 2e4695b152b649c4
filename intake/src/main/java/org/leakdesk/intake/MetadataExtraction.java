package org.leakdesk.intake;

import java.util.UUID;

/** Extracts metadata from every document of a submission, for the review process. */
public interface MetadataExtraction {

    /**
     * Decrypts each document not yet extracted in memory, runs it through Tika and stores the
     * result encrypted. Idempotent: documents already extracted are skipped, so the process
     * engine may run it again after a crash. A document Tika cannot parse is recorded as
     * unparseable; that is a result, not an error.
     *
     * @return how many documents were parseable and unparseable
     * @throws SubmissionNotFoundException if there is no such submission
     */
    default ExtractionSummary extractAll(UUID submissionId) {
        return extractAll(submissionId, () -> {});
    }

    /**
     * As {@link #extractAll(UUID)}, calling {@code beforeEachDocument} before each document is
     * parsed, so a caller holding a lock on the work (an external task) can extend it. The first
     * call comes before anything is decrypted or logged: if it throws (the lock went to another
     * worker), the run ends with nothing decrypted and no access log entry. Runs
     * outside any transaction the caller holds: each document's result is committed on its own,
     * and no transaction stays open while a document is parsed.
     */
    ExtractionSummary extractAll(UUID submissionId, Runnable beforeEachDocument);

    /**
     * Counts of one extraction run over a submission (all its documents, not only this run's).
     *
     * @param extracted documents Tika read
     * @param unparseable documents recorded as unparseable
     * @param withFindings documents with at least one finding a reviewer must see
     */
    record ExtractionSummary(int extracted, int unparseable, int withFindings) {

        /** Counts without findings. */
        public ExtractionSummary(int extracted, int unparseable) {
            this(extracted, unparseable, 0);
        }
    }
}
