package org.leakdesk.workflow.internal;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;

/**
 * "Destroy the case's documents" at the end of a rejected case's retention period: deletes every
 * wrapped data key of the case's verification requests, decisions and report (crypto-shredding),
 * leaving the access log. Idempotent: a retried job finds nothing left to delete.
 */
@Component("caseShredder")
class CaseShredder implements JavaDelegate {

    static final String ACTOR = "system:retention";

    private final VerificationStore verification;
    private final ReviewRecords records;
    private final AccessLog accessLog;

    CaseShredder(VerificationStore verification, ReviewRecords records, AccessLog accessLog) {
        this.verification = verification;
        this.records = records;
        this.accessLog = accessLog;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = UUID.fromString(execution.getProcessBusinessKey());
        int requests = verification.shred(caseId);
        int notes = records.shred(caseId);
        accessLog.record(new AccessRecord(
                ACTOR,
                WorkflowAccessAction.CASE_DESTROYED,
                caseId.toString(),
                requests + " verification requests, " + notes + " notes"));
    }
}
