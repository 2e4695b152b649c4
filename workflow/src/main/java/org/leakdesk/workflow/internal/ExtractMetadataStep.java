package org.leakdesk.workflow.internal;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.MetadataExtraction.ExtractionSummary;
import org.springframework.stereotype.Component;

/**
 * Service task "Extract metadata". Runs as a job (async before), so it may run more than once
 * after a crash; {@link MetadataExtraction#extractAll} skips documents already done.
 */
@Component("extractMetadataStep")
class ExtractMetadataStep implements JavaDelegate {

    private final MetadataExtraction extraction;

    ExtractMetadataStep(MetadataExtraction extraction) {
        this.extraction = extraction;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ExtractionSummary summary = extraction.extractAll(UUID.fromString(execution.getProcessBusinessKey()));
        execution.setVariable(ProcessVariables.DOCUMENTS_EXTRACTED, summary.extracted());
        execution.setVariable(ProcessVariables.DOCUMENTS_UNPARSEABLE, summary.unparseable());
    }
}
