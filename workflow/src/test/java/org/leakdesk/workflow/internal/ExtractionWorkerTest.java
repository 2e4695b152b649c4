package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.history.HistoricExternalTaskLog;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.MetadataExtraction.ExtractionSummary;

/**
 * The worker's dealings with an engine of its own (see {@link TestEngines}), mostly one task at a
 * time without its threads: heartbeat, completion, retries counting down to an incident, and
 * handing a task back when its threads are stopped. The extraction is a stand-in;
 * ExtractionWorkerIntegrationTest runs the real one.
 */
@Deployment(resources = "bpmn/leak-review.bpmn")
class ExtractionWorkerTest {

    private static final ExtractionWorkerSettings SETTINGS =
            new ExtractionWorkerSettings(1, Duration.ofMinutes(5), Duration.ofMillis(250), 3, Duration.ZERO);
    // The engine's clock moves on while the test runs; minutes apart is what tells the cases apart.
    private static final long CLOCK_TOLERANCE_MILLIS = 10_000;

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
            .useProcessEngine(TestEngines.onTestDatabase("extraction-worker-test"))
            .build();

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void extractsOutsideTheEnginesTransactionKeepingItsLockAndCompletes() {
        ProcessInstance instance = start();
        Date start = ClockUtil.getCurrentTime();
        List<Boolean> engineTransactionOpen = new ArrayList<>();
        List<Date> lockUntil = new ArrayList<>();
        ExtractionWorker worker = worker((caseId, beforeEachDocument) -> {
            for (int document = 0; document < 2; document++) {
                ClockUtil.offset(Duration.ofMinutes(4L * (document + 1)).toMillis()); // a slow parse each
                beforeEachDocument.run();
                engineTransactionOpen.add(Context.getCommandContext() != null);
                lockUntil.add(task(instance).getLockExpirationTime());
            }
            return new ExtractionSummary(1, 1);
        });

        assertThat(worker.workOnce()).isTrue();

        assertThat(engineTransactionOpen).containsExactly(false, false);
        assertThat(lockUntil)
                .as("each document extends the lock to five minutes from then")
                .hasSize(2);
        assertThat(lockUntil.get(0)).isCloseTo(minutesAfter(start, 9), CLOCK_TOLERANCE_MILLIS);
        assertThat(lockUntil.get(1)).isCloseTo(minutesAfter(start, 13), CLOCK_TOLERANCE_MILLIS);
        assertThat(extension.getRuntimeService().getVariables(instance.getId()))
                .containsEntry(ProcessVariables.DOCUMENTS_UNPARSEABLE, 1);
        assertThat(waitingAt(instance)).containsExactly("triage");
    }

    @Test
    void aFailingExtractionIsRetriedThenBecomesAnIncidentNamingOnlyTheExceptionClass() {
        ProcessInstance instance = start();
        ExtractionWorker worker = worker((caseId, beforeEachDocument) -> {
            throw new IllegalStateException("quotes the memo: the minister knew");
        });

        for (int attempt = 0; attempt < SETTINGS.retries(); attempt++) {
            assertThat(worker.workOnce()).isTrue();
        }
        assertThat(worker.workOnce()).as("no retries left").isFalse();

        assertThat(failures(instance))
                .as("the log holds the retries each attempt started with (none set before the first failure)")
                .extracting(HistoricExternalTaskLog::getRetries)
                .containsExactlyInAnyOrder(null, 2, 1);
        assertThat(failures(instance))
                .allSatisfy(log -> assertThat(log.getErrorMessage()).isEqualTo("java.lang.IllegalStateException"));
        assertThat(task(instance).getRetries()).isZero();
        Incident incident = extension
                .getRuntimeService()
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        assertThat(incident.getIncidentMessage()).isEqualTo("java.lang.IllegalStateException");
        assertThat(extension
                        .getExternalTaskService()
                        .getExternalTaskErrorDetails(task(instance).getId()))
                .isNull();
        assertThat(waitingAt(instance)).containsExactly("extractMetadata");
    }

    @Test
    void stoppingInterruptsAnExtractionAndHandsItsTaskBackWithItsRetries() {
        ProcessInstance instance = start();
        CountDownLatch parsing = new CountDownLatch(1);
        ExtractionWorker worker = worker((caseId, beforeEachDocument) -> {
            parsing.countDown();
            try {
                new CountDownLatch(1).await(); // a parse that only an interrupt ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("parse interrupted");
        });

        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> parsing.getCount() == 0);
        worker.stop();

        assertThat(worker.isRunning()).isFalse();
        ExternalTask task = task(instance);
        assertThat(task.getLockExpirationTime()).as("unlocked").isNull();
        assertThat(task.getRetries()).as("no retry used up").isNull();
        assertThat(waitingAt(instance)).containsExactly("extractMetadata");
    }

    /**
     * A parse longer than the lock (a parser child starting on a busy machine, say) keeps its task:
     * the heartbeat extends the lock while it runs, so no other worker takes the case and does it
     * a second time.
     */
    @Test
    void aParseLongerThanTheLockKeepsItsTask() {
        ProcessInstance instance = start();
        ExtractionWorkerSettings shortLock =
                new ExtractionWorkerSettings(1, Duration.ofSeconds(2), Duration.ofMillis(250), 3, Duration.ZERO);
        List<Integer> takenByAnother = new ArrayList<>();
        ExtractionWorker worker = new ExtractionWorker(
                externalTasks(),
                (caseId, beforeEachDocument) -> {
                    beforeEachDocument.run();
                    for (int second = 0; second < 6; second++) {
                        sleep(Duration.ofSeconds(1)); // one document, three lock durations long
                        takenByAnother.add(externalTasks()
                                .fetchAndLock(1, "another-worker")
                                .topic(ExtractionWorker.TOPIC, 60_000)
                                .execute()
                                .size());
                    }
                    return new ExtractionSummary(1, 0);
                },
                shortLock);

        assertThat(worker.workOnce()).isTrue();

        assertThat(takenByAnother).as("another worker polling meanwhile").containsOnly(0);
        assertThat(waitingAt(instance)).containsExactly("triage");
    }

    /**
     * What a PostgreSQL restart did to one case (DatabaseRestartTest saw it logged twice): thread 1
     * holds the task and stalls past its lock while the database is away; thread 2 of the same
     * process takes the task meanwhile. When thread 1 comes back, its lock check is refused before
     * it decrypts anything, so the case is decrypted (and logged) once, by thread 2.
     */
    @Test
    void aThreadWhoseLockRanOutWhileItStalledNeitherDecryptsNorCompletes() {
        ProcessInstance instance = start();
        AtomicInteger decryptions = new AtomicInteger();
        AtomicReference<Runnable> firstThreadsLockCheck = new AtomicReference<>();
        AtomicReference<ExtractionWorker> holder = new AtomicReference<>();
        List<Throwable> firstThreadRefused = new ArrayList<>();
        ExtractionWorker worker = worker((caseId, beforeEachDocument) -> {
            if (firstThreadsLockCheck.compareAndSet(null, beforeEachDocument)) {
                // Thread 1: the database is away longer than the lock lasts; thread 2 polls meanwhile.
                ClockUtil.offset(SETTINGS.lockDuration().plusMinutes(1).toMillis());
                assertThat(holder.get().workOnce(holder.get().lockOwner(2))).isTrue();
                beforeEachDocument.run(); // thread 1 is back: refused, the task is no longer its own
                decryptions.incrementAndGet();
                return new ExtractionSummary(1, 0);
            }
            // Thread 2, while it holds the task, and thread 1 coming back in the middle of it.
            beforeEachDocument.run();
            try {
                firstThreadsLockCheck.get().run();
            } catch (RuntimeException refused) {
                firstThreadRefused.add(refused);
            }
            decryptions.incrementAndGet();
            return new ExtractionSummary(1, 0);
        });
        holder.set(worker);

        assertThatThrownBy(() -> worker.workOnce(worker.lockOwner(1)))
                .as("thread 1 can neither complete nor report a failure on a task it lost")
                .isInstanceOf(ProcessEngineException.class);

        assertThat(firstThreadRefused)
                .as("thread 1's lock check while thread 2 holds the task")
                .singleElement()
                .isInstanceOf(BadUserRequestException.class);
        assertThat(decryptions).as("decrypted once, by thread 2").hasValue(1);
        assertThat(waitingAt(instance)).containsExactly("triage");
        assertThat(extension
                        .getHistoryService()
                        .createHistoricExternalTaskLogQuery()
                        .processInstanceId(instance.getId())
                        .successLog()
                        .singleResult()
                        .getWorkerId())
                .isEqualTo(worker.lockOwner(2));
    }

    /**
     * Under load a thread completes its task and takes the next one in the same transaction: the
     * first case moves on to triage and the second is locked to the same thread, out of reach of
     * other workers, with nothing of it extracted yet.
     */
    @Test
    void completingATaskTakesTheNextWaitingOneInTheSameTransaction() {
        ProcessInstance first = start();
        ProcessInstance second = start();
        List<String> extracted = new ArrayList<>();
        ExtractionWorker worker = worker((caseId, beforeEachDocument) -> {
            beforeEachDocument.run();
            extracted.add(caseId.toString());
            return new ExtractionSummary(0, 0);
        });

        String next = worker.workOnceTakingNext(worker.lockOwner(1));

        // The engine gives out waiting tasks in no set order: either case may go first.
        assertThat(extracted).hasSize(1);
        ProcessInstance done = extracted.get(0).equals(first.getBusinessKey()) ? first : second;
        ProcessInstance held = done == first ? second : first;
        assertThat(waitingAt(done)).containsExactly("triage");
        assertThat(next).isEqualTo(task(held).getId());
        assertThat(task(held).getWorkerId()).isEqualTo(worker.lockOwner(1));
        assertThat(externalTasks()
                        .fetchAndLock(1, "another-worker")
                        .topic(ExtractionWorker.TOPIC, 60_000)
                        .execute())
                .as("the other one is held")
                .isEmpty();
        assertThat(worker.workOnceTakingNext(worker.lockOwner(1)))
                .as("nothing waits after the second")
                .isNull();
        assertThat(extracted).containsExactly(done.getBusinessKey(), held.getBusinessKey());
        assertThat(waitingAt(held)).containsExactly("triage");
    }

    @Test
    void idleWhenThereIsNothingToExtract() {
        assertThat(worker((caseId, beforeEachDocument) -> new ExtractionSummary(0, 0))
                        .workOnce())
                .isFalse();
    }

    @Test
    void workerIdsDiffer() {
        MetadataExtraction unused = (caseId, beforeEachDocument) -> new ExtractionSummary(0, 0);
        assertThat(worker(unused).workerId()).isNotEqualTo(worker(unused).workerId());
        ExtractionWorker worker = worker(unused);
        assertThat(worker.lockOwner(1)).as("each thread its own").isNotEqualTo(worker.lockOwner(2));
    }

    private ExtractionWorker worker(MetadataExtraction extraction) {
        return new ExtractionWorker(externalTasks(), extraction, SETTINGS);
    }

    private ExternalTaskService externalTasks() {
        return extension.getExternalTaskService();
    }

    private ExternalTask task(ProcessInstance instance) {
        return externalTasks()
                .createExternalTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();
    }

    private List<HistoricExternalTaskLog> failures(ProcessInstance instance) {
        return extension
                .getHistoryService()
                .createHistoricExternalTaskLogQuery()
                .processInstanceId(instance.getId())
                .failureLog()
                .list();
    }

    private List<String> waitingAt(ProcessInstance instance) {
        return extension.getRuntimeService().getActiveActivityIds(instance.getId());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Date minutesAfter(Date start, int minutes) {
        return new Date(start.getTime() + Duration.ofMinutes(minutes).toMillis());
    }

    private ProcessInstance start() {
        String caseId = UUID.randomUUID().toString();
        return extension
                .getRuntimeService()
                .startProcessInstanceByKey(
                        ProcessVariables.PROCESS_KEY, caseId, Map.of(ProcessVariables.SUBMISSION_ID, caseId));
    }
}
