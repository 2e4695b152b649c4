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
    ExtractionSummary extractAll(UUID submissionId);

    /**
     * Counts of one extraction run over a submission (all its documents, not only this run's).
     *
     * @param extracted documents Tika read
     * @param unparseable documents recorded as unparseable
     */
    record ExtractionSummary(int extracted, int unparseable) {}
}
