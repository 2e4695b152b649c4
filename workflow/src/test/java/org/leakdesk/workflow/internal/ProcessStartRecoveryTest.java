package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionReceived;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

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

    @Autowired
    ReviewProcessStarter starter;

    @Autowired
    TransactionTemplate transactions;

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

    /**
     * The same event delivered three more times at once while the first delivery is still
     * starting the process (the engine is slowed down to hold the window open): one process.
     */
    @Test
    void theSameEventDeliveredSeveralTimesAtOnceStartsOneProcess() throws Exception {
        doAnswer(invocation -> {
                    Thread.sleep(300);
                    return invocation.callRealMethod();
                })
                .when(runtime)
                .startProcessInstanceByKey(eq(ProcessVariables.PROCESS_KEY), anyString(), anyMap());
        SubmissionReceived received;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("memo.txt", "text/plain", new ByteArrayInputStream("an internal memo".getBytes()));
            received = new SubmissionReceived(draft.commit().submissionId(), 1, Instant.now());
        }
        UUID caseId = received.submissionId();
        // The listener itself, without its proxy's @Async: each delivery in a transaction of its own, now.
        ReviewProcessStarter listener = AopTestUtils.getTargetObject(starter);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> deliveries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deliveries.add(
                        threads.submit(() -> transactions.executeWithoutResult(status -> listener.on(received))));
            }
            for (Future<?> delivery : deliveries) {
                delivery.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> publications(caseId, true) == 0);
        assertThat(processes(caseId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM review_case WHERE case_id = ? AND process_instance_id IS NOT NULL")
                        .param(caseId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
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
