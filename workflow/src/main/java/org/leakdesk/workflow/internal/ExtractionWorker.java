package org.leakdesk.workflow.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.MetadataExtraction.ExtractionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works the external task "Extract metadata" of {@code leak-review.bpmn}. Parsing takes up to a
 * minute per document, so it runs here, outside the engine and outside any transaction; the task
 * stays locked to this worker meanwhile (a {@link LockHeartbeat} extends the lock while the work
 * runs and makes sure of it before each document) and is handed to another worker once the lock
 * runs out if this process dies. Runs wherever the job executor runs: tests that drive the
 * engine by hand switch both off with {@code camunda.bpm.job-execution.enabled=false}.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
@ConditionalOnProperty(name = "camunda.bpm.job-execution.enabled", havingValue = "true", matchIfMissing = true)
class ExtractionWorker implements SmartLifecycle {

    static final String TOPIC = "leakdesk-extract-metadata";

    private static final Logger log = LoggerFactory.getLogger(ExtractionWorker.class);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final ExternalTaskService externalTasks;
    private final MetadataExtraction extraction;
    private final ExtractionWorkerSettings settings;
    private final String workerId = newWorkerId();
    private final List<Thread> threads = new ArrayList<>();
    /** The lock expiry is computed on the engine's clock: a lock's age is measured on it too. */
    private final Clock clock = new EngineClock();
    /** Extends the locks of the tasks being worked; threads start on first use, one per worker at most. */
    private final ScheduledThreadPoolExecutor heartbeats;
    /**
     * The threads of this worker fetch one at a time. Two fetches at once pick the same first task;
     * the later lock loses to the earlier (an optimistic-locking conflict the engine answers with an
     * empty list), and its thread would sit out an idle poll with work waiting.
     */
    private final Object fetching = new Object();

    private volatile boolean stopping;

    ExtractionWorker(
            ExternalTaskService externalTasks, MetadataExtraction extraction, ExtractionWorkerSettings settings) {
        this.externalTasks = externalTasks;
        this.extraction = extraction;
        this.settings = settings;
        this.heartbeats = new ScheduledThreadPoolExecutor(settings.workers(), beat -> {
            Thread thread = new Thread(beat, "leakdesk-extraction-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        // A finished task's beat is cancelled long before it is due: drop it at once.
        this.heartbeats.setRemoveOnCancelPolicy(true);
    }

    @Override
    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        stopping = false;
        for (int i = 1; i <= settings.workers(); i++) {
            String lockOwner = lockOwner(i);
            Thread thread = new Thread(() -> pollUntilStopped(lockOwner), "leakdesk-extraction-" + i);
            // A thread stuck in a parse must not keep the JVM alive; its task's lock simply runs out.
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        log.info("Metadata extraction: {} workers as {}", settings.workers(), workerId);
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !threads.isEmpty();
    }

    String workerId() {
        return workerId;
    }

    /**
     * The id thread {@code thread} locks tasks under. Each thread has its own: the engine accepts a
     * lock extension or a completion from whoever holds the lock's id, so with one id for all
     * threads a thread whose lock ran out (the database was away) would go on extracting a case
     * that another thread had taken meanwhile, and both would decrypt and log it.
     */
    String lockOwner(int thread) {
        return workerId + "-" + thread;
    }

    /** {@link #workOnce(String)} as the first thread. */
    boolean workOnce() {
        return workOnce(lockOwner(1));
    }

    /**
     * Takes one extraction task, if there is one, and works it to the end.
     *
     * @param lockOwner the id the task is locked, extended and completed under
     * @return whether there was a task (so the caller polls again at once)
     */
    boolean workOnce(String lockOwner) {
        Instant lockedAt;
        List<LockedExternalTask> locked;
        synchronized (fetching) {
            lockedAt = clock.instant();
            locked = externalTasks
                    .fetchAndLock(1, lockOwner)
                    .topic(TOPIC, lockMillis())
                    .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                    .variables(List.of()) // the business key is all it needs
                    .execute();
        }
        if (locked.isEmpty()) {
            return false;
        }
        work(locked.get(0), lockOwner, lockedAt);
        return true;
    }

    private void pollUntilStopped(String lockOwner) {
        while (!stopping) {
            boolean busy;
            try {
                busy = workOnce(lockOwner);
            } catch (RuntimeException e) {
                // The engine's database is away, or the task went to another worker: wait as when idle.
                log.warn("Metadata extraction worker: {}", e.getClass().getName());
                busy = false;
            }
            if (!busy && !pause()) {
                return;
            }
        }
    }

    private void work(LockedExternalTask task, String lockOwner, Instant lockedAt) {
        ExtractionSummary summary;
        try (LockHeartbeat lock = new LockHeartbeat(
                settings.lockDuration(),
                clock,
                lockedAt,
                heartbeats,
                () -> externalTasks.extendLock(task.getId(), lockOwner, lockMillis()))) {
            summary = extraction.extractAll(UUID.fromString(task.getBusinessKey()), lock::check);
        } catch (RuntimeException e) {
            fail(task, lockOwner, e);
            return;
        }
        externalTasks.complete(
                task.getId(),
                lockOwner,
                Map.of(
                        ProcessVariables.DOCUMENTS_UNPARSEABLE, summary.unparseable(),
                        ProcessVariables.DOCUMENTS_WITH_FINDINGS, summary.withFindings()));
    }

    /**
     * Reports a failure by the exception's class alone: its message may quote a document. Retries
     * count down from the configured number; at zero the engine raises an incident.
     */
    private void fail(LockedExternalTask task, String lockOwner, RuntimeException e) {
        if (stopping) {
            // Interrupted by shutdown, not a fault of the case: hand it back at once, retries intact.
            handBack(task);
            return;
        }
        int retriesLeft = (task.getRetries() == null ? settings.retries() : task.getRetries()) - 1;
        log.warn(
                "Metadata extraction for case {} failed ({}), {} retries left",
                task.getBusinessKey(),
                e.getClass().getName(),
                Math.max(0, retriesLeft));
        externalTasks.handleFailure(
                task.getId(),
                lockOwner,
                e.getClass().getName(),
                Math.max(0, retriesLeft),
                retriesLeft > 0 ? settings.retryDelay().toMillis() : 0);
    }

    private void handBack(LockedExternalTask task) {
        // The interrupt that stopped the extraction would also fail the engine's connection checkout.
        boolean interrupted = Thread.interrupted();
        try {
            externalTasks.unlock(task.getId());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(settings.idlePoll().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long lockMillis() {
        return settings.lockDuration().toMillis();
    }

    /** Host, process id and a random part, so two workers never share an id (and a lock). */
    private static String newWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }
}
