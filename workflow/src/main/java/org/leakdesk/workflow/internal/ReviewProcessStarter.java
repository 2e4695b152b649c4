package org.leakdesk.workflow.internal;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionReceived;
import org.leakdesk.intake.Submissions;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Starts {@code leak-review} for each stored submission. The event comes from the publication
 * registry: if this fails or the process dies first, the event is handed over again (at the next
 * start, or by {@link EventResubmission}); a process that already exists for the case is not
 * started twice.
 */
@Component
class ReviewProcessStarter {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final Submissions submissions;

    ReviewProcessStarter(RuntimeService runtime, HistoryService history, Submissions submissions) {
        this.runtime = runtime;
        this.history = history;
        this.submissions = submissions;
    }

    @ApplicationModuleListener
    void on(SubmissionReceived received) {
        String caseId = received.submissionId().toString();
        if (submissions.overview(received.submissionId()).isEmpty()) {
            throw new SubmissionNotFoundException(received.submissionId());
        }
        boolean started = history.createHistoricProcessInstanceQuery()
                        .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                        .processInstanceBusinessKey(caseId)
                        .count()
                > 0;
        if (!started) {
            runtime.startProcessInstanceByKey(
                    ProcessVariables.PROCESS_KEY,
                    caseId,
                    Map.of(ProcessVariables.SUBMISSION_ID, caseId, ProcessVariables.FILE_COUNT, received.fileCount()));
        }
    }
}
