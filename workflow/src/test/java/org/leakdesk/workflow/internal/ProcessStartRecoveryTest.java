package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.ReviewHandOver;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionReceived;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fault injection: the engine fails to start the process once (as if the database went away
 * right after the upload committed). The submission must not be lost: it stays awaiting review in
 * intake's hand-over, is taken again, and exactly one process starts. And the same submission
 * taken by several workers at once starts one process.
 */
@WorkflowBootTest
class ProcessStartRecoveryTest {

    @Autowired
    RuntimeService runtime; // a spy

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ReviewHandOver handOver;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReviewProcessStarter starter;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aFailedProcessStartIsTakenAgainFromTheHandOver() {
        doThrow(new ProcessEngineException("connection to the database lost"))
                .doCallRealMethod()
                .when(runtime)
                .startProcessInstanceByKey(eq(ProcessVariables.PROCESS_KEY), anyString(), anyMap());

        UUID caseId = submit();

        await().atMost(Duration.ofSeconds(30)).until(() -> processes(caseId) == 1);
        verify(runtime, atLeast(2))
                .startProcessInstanceByKey(eq(ProcessVariables.PROCESS_KEY), eq(caseId.toString()), anyMap());
        await().atMost(Duration.ofSeconds(10)).until(() -> awaiting(caseId) == 0);
        assertThat(processes(caseId)).isEqualTo(1);
        assertThat(publications(caseId))
                .as("the event registry holds nothing of it")
                .isZero();
    }

    /**
     * The same submission taken six more times at once while a first start is still running (the
     * engine is slowed down to hold the window open): through the hand-over, as two workers would,
     * and straight to the starter, as a stale delivery would. One process.
     */
    @Test
    void theSameSubmissionTakenSeveralTimesAtOnceStartsOneProcess() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        doAnswer(invocation -> {
                    starting.countDown();
                    Thread.sleep(300);
                    return invocation.callRealMethod();
                })
                .when(runtime)
                .startProcessInstanceByKey(eq(ProcessVariables.PROCESS_KEY), anyString(), anyMap());
        UUID caseId = submit();
        SubmissionReceived received = new SubmissionReceived(caseId, 1, Instant.now());
        ReviewProcessStarter target = AopTestUtils.getTargetObject(starter);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> deliveries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deliveries.add(
                        threads.submit(() -> handOver.handOverNextSubmission(Duration.ofSeconds(1), target::start)));
                deliveries.add(
                        threads.submit(() -> transactions.executeWithoutResult(status -> target.start(received))));
            }
            for (Future<?> delivery : deliveries) {
                delivery.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(starting.await(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> processes(caseId) == 1 && awaiting(caseId) == 0);
        assertThat(processes(caseId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM review_case WHERE case_id = ? AND process_instance_id IS NOT NULL")
                        .param(caseId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private UUID submit() {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("memo.txt", "text/plain", new ByteArrayInputStream("an internal memo".getBytes()));
            return draft.commit().submissionId();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long processes(UUID caseId) {
        return history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.toString())
                .count();
    }

    private long awaiting(UUID caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM intake_handover WHERE submission_id = ?")
                .param(caseId)
                .query(Long.class)
                .single();
    }

    private long publications(UUID caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?")
                .param("%" + caseId + "%")
                .query(Long.class)
                .single();
    }
}
