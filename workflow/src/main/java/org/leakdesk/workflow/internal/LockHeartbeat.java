package org.leakdesk.workflow.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one external task's lock while its work runs: extends it every third of the lock duration
 * from a timer thread, so a parse longer than the lock (a slow document, a parser child starting on
 * a busy machine) does not let the lock run out and a second worker do the same work; and extends
 * it on {@link #check()}, which the work calls before each document. Once an extension fails (the
 * lock ran out and the task went to another worker, or it is gone), the lock counts as lost for
 * good: every later {@link #check()} throws, so the work stops at its next step.
 */
final class LockHeartbeat implements AutoCloseable {

    private final Runnable extend;
    private final ScheduledExecutorService timer;
    private @Nullable RuntimeException lost;

    /**
     * Starts the heartbeat.
     *
     * @param extend extends the lock by {@code lockDuration}; throws if the engine refuses
     */
    LockHeartbeat(Duration lockDuration, Runnable extend) {
        this.extend = extend;
        this.timer = Executors.newSingleThreadScheduledExecutor(beat -> {
            Thread thread = new Thread(beat, "leakdesk-extraction-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, lockDuration.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Extends the lock now.
     *
     * @throws IllegalStateException if the lock is lost (now or before)
     */
    synchronized void check() {
        if (lost != null) {
            throw new IllegalStateException("The task's lock was lost", lost);
        }
        try {
            extend.run();
        } catch (RuntimeException refused) {
            lost = refused;
            throw refused;
        }
    }

    private void beat() {
        try {
            check();
        } catch (RuntimeException lostOrRefused) {
            // Recorded: the work sees it at its next check. Nothing more to extend.
            timer.shutdown();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
