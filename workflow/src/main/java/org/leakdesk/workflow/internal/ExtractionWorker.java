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
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.jspecify.annotations.Nullable;
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
 * runs out if this process dies. A thread that completes a task takes the next waiting one in
 * the same transaction. Runs wherever the job executor runs: tests that drive the
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
    /** Runs several calls of the service as one engine command, in one transaction. */
    private final CommandExecutor commands;

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
     * empty list), and its thread would sit out an idle poll with work waiting. A completion that
     * takes the next task does not wait for it: holding it through a completion's transaction left
     * the threads queueing and the machine idle (a fifth of it in benchmark-review); when it loses
     * such a race, its thread fetches again at once rather than idling.
     */
    private final Object fetching = new Object();

    private volatile boolean stopping;
    private @Nullable Held heldForTests;

    ExtractionWorker(
            ExternalTaskService externalTasks, MetadataExtraction extraction, ExtractionWorkerSettings settings) {
        this.externalTasks = externalTasks;
        this.commands = ((ServiceImpl) externalTasks).getCommandExecutor();
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
        Held held = take(lockOwner);
        if (held == null) {
            return false;
        }
        work(held, lockOwner, false);
        return true;
    }

    /**
     * For tests: works the task held from the previous call (or takes one) as the threads do,
     * and keeps the one taken with its completion for the next call.
     *
     * @return the id of the task taken with the completion, or null when none was waiting
     */
    @Nullable
    String workOnceTakingNext(String lockOwner) {
        Held held = heldForTests != null ? heldForTests : take(lockOwner);
        heldForTests = held == null ? null : work(held, lockOwner, true);
        return heldForTests == null ? null : heldForTests.task().getId();
    }

    /** A task this thread locked, and when (its lock runs from then). */
    private record Held(LockedExternalTask task, Instant lockedAt) {}

    private @Nullable Held take(String lockOwner) {
        synchronized (fetching) {
            Instant lockedAt = clock.instant();
            List<LockedExternalTask> locked = fetch(lockOwner).execute();
            return locked.isEmpty() ? null : new Held(locked.get(0), lockedAt);
        }
    }

    private ExternalTaskQueryBuilder fetch(String lockOwner) {
        return externalTasks
                .fetchAndLock(1, lockOwner)
                .topic(TOPIC, lockMillis())
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .variables(List.of()); // the business key is all it needs
    }

    private void pollUntilStopped(String lockOwner) {
        // Taken in the transaction that completed the previous one, when there was one waiting.
        Held next = null;
        while (!stopping) {
            Held held = next;
            next = null;
            try {
                if (held == null) {
                    held = take(lockOwner);
                }
                if (held != null) {
                    next = work(held, lockOwner, true);
                }
            } catch (RuntimeException e) {
                // The engine's database is away, or the task went to another worker: wait as when idle.
                log.warn("Metadata extraction worker: {}", e.getClass().getName());
                held = null;
            }
            if (held == null && !pause()) {
                break;
            }
        }
        if (next != null) {
            // Stopped between taking a task and starting on it: hand it back now, not when its lock runs out.
            handBack(next.task());
        }
    }

    /**
     * Extracts the case and completes its task; with {@code takeNext}, the same transaction also
     * takes the next waiting task, which is returned (one commit fewer per case under load).
     */
    private @Nullable Held work(Held held, String lockOwner, boolean takeNext) {
        LockedExternalTask task = held.task();
        ExtractionSummary summary;
        try (LockHeartbeat lock = new LockHeartbeat(
                settings.lockDuration(),
                clock,
                held.lockedAt(),
                heartbeats,
                () -> externalTasks.extendLock(task.getId(), lockOwner, lockMillis()))) {
            summary = extraction.extractAll(UUID.fromString(task.getBusinessKey()), lock::check);
        } catch (RuntimeException e) {
            fail(task, lockOwner, e);
            return null;
        }
        Map<String, Object> found = Map.of(
                ProcessVariables.DOCUMENTS_UNPARSEABLE, summary.unparseable(),
                ProcessVariables.DOCUMENTS_WITH_FINDINGS, summary.withFindings());
        if (!takeNext) {
            externalTasks.complete(task.getId(), lockOwner, found);
            return null;
        }
        Instant lockedAt = clock.instant();
        // One engine command: the calls inside join its context, so both commit together.
        List<LockedExternalTask> locked = commands.execute(context -> {
            externalTasks.complete(task.getId(), lockOwner, found);
            return fetch(lockOwner).execute();
        });
        // Read after the command: a task another worker locked first drops out of the list at its end.
        return locked.isEmpty() ? null : new Held(locked.get(0), lockedAt);
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
