package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault injection: the engine fails to start the process once (as if the database went away
 * right after the upload committed). The submission must not be lost: its event stays in the
 * publication registry, is handed over again, and exactly one process starts.
 */
@WorkflowBootTest
class ProcessStartRecoveryTest {

    @Autowired
    RuntimeService runtime; // a spy

    @Autowired
    SubmissionIntake intake;

    @Autowired
    EventResubmission resubmission;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailedProcessStartIsRetriedFromTheEventRegistry() throws Exception {
        doThrow(new ProcessEngineException("connection to the database lost"))
                .doCallRealMethod()
                .when(runtime)
                .startProcessInstanceByKey(eq(ProcessVariables.PROCESS_KEY), anyString(), anyMap());

        UUID caseId;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("memo.txt", "text/plain", new ByteArrayInputStream("an internal memo".getBytes()));
            caseId = draft.commit().submissionId();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> publications(caseId, true) == 1);
        assertThat(processes(caseId)).isZero();

        resubmission.resubmitOlderThan(Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).until(() -> processes(caseId) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> publications(caseId, true) == 0);
        resubmission.resubmitOlderThan(Duration.ZERO);
        assertThat(processes(caseId)).isEqualTo(1);
    }

    private long processes(UUID caseId) {
        return history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.toString())
                .count();
    }

    private long publications(UUID caseId, boolean incompleteOnly) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?"
                        + (incompleteOnly ? " AND completion_date IS NULL" : ""))
                .param("%" + caseId + "%")
                .query(Long.class)
                .single();
    }
}
