package org.leakdesk.workflow.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one external task's lock while its work runs: extends it every third of the lock duration
 * on a timer, so a parse longer than the lock (a slow document, a parser child starting on a busy
 * machine) does not let the lock run out and a second worker do the same work; and makes sure of
 * it on {@link #check()}, which the work calls before each document. Once an extension fails (the
 * lock ran out and the task went to another worker, or it is gone), the lock counts as lost for
 * good: every later {@link #check()} throws, so the work stops at its next step.
 */
final class LockHeartbeat implements AutoCloseable {

    private final Runnable extend;
    private final Clock clock;
    private final Duration fresh;
    private final ScheduledFuture<?> beats;
    private Instant extendedAt;
    private @Nullable RuntimeException lost;

    /**
     * Starts the heartbeat.
     *
     * @param lockDuration how long the lock lasts from its acquisition or an extension
     * @param lockedAt a time no later than the moment the lock was taken, on the engine's clock (the
     *     one the lock's expiry is computed on)
     * @param timer runs the periodic extensions (shared by the tasks of a worker)
     * @param extend extends the lock by {@code lockDuration}; throws if the engine refuses
     */
    LockHeartbeat(
            Duration lockDuration, Clock clock, Instant lockedAt, ScheduledExecutorService timer, Runnable extend) {
        this.extend = extend;
        this.clock = clock;
        this.fresh = lockDuration.dividedBy(3);
        this.extendedAt = lockedAt;
        long period = Math.max(1, fresh.toMillis());
        this.beats = timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Makes sure the lock is still this worker's and holds for at least two thirds of its duration:
     * extends it unless it was taken or extended less than a third of its duration ago (a lock runs
     * out only at its full duration, and only then can another worker take the task; asking the
     * engine again so soon would cost a transaction per document and tell nothing new).
     *
     * @throws IllegalStateException if the lock is lost (now or before)
     */
    synchronized void check() {
        failIfLost();
        if (clock.instant().isBefore(extendedAt.plus(fresh))) {
            return;
        }
        extendNow();
    }

    private void failIfLost() {
        if (lost != null) {
            throw new IllegalStateException("The task's lock was lost", lost);
        }
    }

    private synchronized void extendNow() {
        failIfLost();
        Instant before = clock.instant();
        try {
            extend.run();
            extendedAt = before;
        } catch (RuntimeException refused) {
            lost = refused;
            throw refused;
        }
    }

    private void beat() {
        try {
            extendNow();
        } catch (RuntimeException lostOrRefused) {
            // Recorded: the work sees it at its next check. Nothing more to extend.
            beats.cancel(false);
        }
    }

    @Override
    public void close() {
        beats.cancel(false);
    }
}
