package org.leakdesk.workflow.internal;

import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.FollowUpReceived;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.SubmissionShreddedException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Extracts the documents of a source's follow-up with the same isolated parsers as the first
 * submission's ({@link MetadataExtraction#extractAll} takes only documents without a result, so
 * taking a follow-up twice does no harm). The follow-up stays awaiting until this returns, so a
 * crash or a failed parse run hands it over again ({@link ReviewHandOverPoller}). Runs where the
 * extraction worker runs.
 */
@ConditionalOnProcessRole(ProcessRole.WORKER)
@Component
@ConditionalOnProperty(name = "camunda.bpm.job-execution.enabled", havingValue = "true", matchIfMissing = true)
class FollowUpExtraction {

    private final MetadataExtraction extraction;

    FollowUpExtraction(MetadataExtraction extraction) {
        this.extraction = extraction;
    }

    /**
     * Outside any transaction: extraction commits each document on its own and must hold none open
     * while a parser runs (and a document the extraction worker stored meanwhile must not abort it).
     */
    void extract(FollowUpReceived followUp) {
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
