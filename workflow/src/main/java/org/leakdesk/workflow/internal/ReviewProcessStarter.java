package org.leakdesk.workflow.internal;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionReceived;
import org.leakdesk.intake.Submissions;
import org.springframework.stereotype.Component;

/**
 * Starts {@code leak-review} for a stored submission, in the transaction that hands it over
 * ({@link ReviewHandOverPoller}): if this fails or the process dies first, the submission stays
 * awaiting and is handed over again. Starting is idempotent under concurrent redelivery: the
 * case's row in {@code review_case} is claimed first, and a second delivery waits on that row's
 * key until the first commits, then finds it taken and does nothing.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class ReviewProcessStarter {

    private final RuntimeService runtime;
    private final Submissions submissions;
    private final ReviewCases cases;

    ReviewProcessStarter(RuntimeService runtime, Submissions submissions, ReviewCases cases) {
        this.runtime = runtime;
        this.submissions = submissions;
        this.cases = cases;
    }

    /** Call in a transaction; must not be called with a submission that was not stored. */
    void start(SubmissionReceived received) {
        UUID caseId = received.submissionId();
        if (submissions.overview(caseId).isEmpty()) {
            throw new SubmissionNotFoundException(caseId);
        }
        if (!cases.claimStart(caseId)) {
            return;
        }
        ProcessInstance instance = runtime.startProcessInstanceByKey(
                ProcessVariables.PROCESS_KEY,
                caseId.toString(),
                Map.of(ProcessVariables.SUBMISSION_ID, caseId.toString()));
        cases.started(caseId, instance.getId());
    }
}
