package org.leakdesk.workflow.internal;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.Submissions;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;

/**
 * "Prepare the publication package": writes the provenance report of a published case and stores
 * it encrypted. Idempotent: a retried job finds the report there and writes nothing.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component("publicationPackager")
class PublicationPackager implements JavaDelegate {

    static final String ACTOR = "system:publication";

    private final Submissions submissions;
    private final VerificationStore verification;
    private final ReviewRecords records;
    private final Decryptor decryptor;
    private final AccessLog accessLog;
    private final EngineClock clock;

    PublicationPackager(
            Submissions submissions,
            VerificationStore verification,
            ReviewRecords records,
            Decryptor decryptor,
            AccessLog accessLog,
            EngineClock clock) {
        this.submissions = submissions;
        this.verification = verification;
        this.records = records;
        this.decryptor = decryptor;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        UUID caseId = UUID.fromString(execution.getProcessBusinessKey());
        CaseDocuments documents = submissions.read(caseId, ACTOR);
        DecryptionSession session = decryptor.open(new AccessRecord(
                ACTOR, WorkflowAccessAction.VERIFICATION_READ, caseId.toString(), "for the provenance report"));
        List<VerificationRequest> requests = verification.ofCase(caseId).stream()
                .map(row -> verification.view(row, session))
                .toList();
        List<ProvenanceReport.Entry> history = records.ofCase(caseId).stream()
                .map(row -> new ProvenanceReport.Entry(
                        row.step().label(),
                        row.outcome(),
                        records.note(row, session),
                        row.tally(),
                        row.recordedBy(),
                        row.recordedAt()))
                .toList();
        String report = ProvenanceReport.write(caseId, documents, requests, history, clock.instant());
        if (records.storeReport(caseId, report)) {
            accessLog.record(new AccessRecord(
                    ACTOR,
                    WorkflowAccessAction.PUBLICATION_PACKAGE_MADE,
                    caseId.toString(),
                    documents.documents().size() + " documents, " + requests.size() + " verification requests"));
        }
    }
}
