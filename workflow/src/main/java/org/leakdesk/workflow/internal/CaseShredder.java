package org.leakdesk.workflow.internal;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.SubmissionShredding;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;

/**
 * "Destroy the case's documents" at the end of a rejected case's retention period: deletes every
 * wrapped data key of the case (documents, extractions, scrubbed copies, message, verification
 * requests, notes) and removes its blobs (crypto-shredding), leaving the access log. Idempotent: a retried job finds nothing left to delete.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component("caseShredder")
class CaseShredder implements JavaDelegate {

    static final String ACTOR = "system:retention";

    private final SubmissionShredding submissions;
    private final VerificationStore verification;
    private final ReviewRecords records;
    private final CaseNotebook notebook;
    private final AccessLog accessLog;

    CaseShredder(
            SubmissionShredding submissions,
            VerificationStore verification,
            ReviewRecords records,
            CaseNotebook notebook,
            AccessLog accessLog) {
        this.submissions = submissions;
        this.verification = verification;
        this.records = records;
        this.notebook = notebook;
        this.accessLog = accessLog;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = UUID.fromString(execution.getProcessBusinessKey());
        SubmissionShredding.ShreddedObjects documents = submissions.shred(caseId);
        int requests = verification.shred(caseId);
        int notes = records.shred(caseId) + notebook.shred(caseId);
        accessLog.record(new AccessRecord(
                ACTOR,
                WorkflowAccessAction.CASE_DESTROYED,
                caseId.toString(),
                documents.summary() + ", " + requests + " verification requests, " + notes + " notes"));
    }
}
