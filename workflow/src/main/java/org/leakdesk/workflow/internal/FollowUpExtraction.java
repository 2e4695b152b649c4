package org.leakdesk.workflow.internal;

import org.leakdesk.intake.FollowUpReceived;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.SubmissionShreddedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Extracts the documents of a source's follow-up with the same isolated parsers as the first
 * submission's ({@link MetadataExtraction#extractAll} takes only documents without a result). The
 * event stays in the publication registry until this succeeds, so a crash or a failed parse run is
 * handed over again ({@link EventResubmission}). Runs where the extraction worker runs.
 */
@Component
@ConditionalOnProperty(name = "camunda.bpm.job-execution.enabled", havingValue = "true", matchIfMissing = true)
class FollowUpExtraction {

    private final MetadataExtraction extraction;

    FollowUpExtraction(MetadataExtraction extraction) {
        this.extraction = extraction;
    }

    /**
     * Asynchronous after the follow-up commits, but, unlike an {@code @ApplicationModuleListener},
     * outside any transaction: extraction commits each document on its own and must hold none open
     * while a parser runs (and a document the extraction worker stored meanwhile must not abort it).
     */
    @Async
    @TransactionalEventListener
    void on(FollowUpReceived followUp) {
        if (followUp.fileCount() == 0) {
            return;
        }
        try {
            extraction.extractAll(followUp.submissionId());
        } catch (SubmissionShreddedException destroyed) {
            // Destroyed meanwhile: nothing left to read.
        }
    }
}
