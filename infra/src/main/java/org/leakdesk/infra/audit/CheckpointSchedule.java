package org.leakdesk.infra.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Seals what a crash left pending at start, then writes a checkpoint every interval if the log
 * grew; in between, seals every few seconds what other processes (source-only ones seal nothing
 * themselves) committed.
 */
final class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpointer checkpointer;
    private final Duration interval;
    private final Sealer sealer;
    private final Duration sealInterval;
    private @Nullable ScheduledExecutorService scheduler;

    CheckpointSchedule(Checkpointer checkpointer, Duration interval, Sealer sealer, Duration sealInterval) {
        this.checkpointer = checkpointer;
        this.interval = interval;
        this.sealer = sealer;
        this.sealInterval = sealInterval;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(
                task -> AuditConfiguration.daemon("access-log-checkpoints", task));
        // The first run at once: it also seals entries a crash left pending.
        scheduler.scheduleWithFixedDelay(this::run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                this::sealRecent, sealInterval.toMillis(), sealInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sealRecent() {
        try {
            sealer.sealCommitted();
        } catch (RuntimeException e) {
            log.warn("Could not seal recent access log entries; trying again in {}", sealInterval, e);
        }
    }

    private void run() {
        try {
            checkpointer.checkpoint().ifPresent(c -> log.info("Access log checkpoint of {} entries signed", c.size()));
        } catch (RuntimeException e) {
            // Logged, not thrown: a thrown exception would end the schedule for good.
            log.error("Could not write an access log checkpoint; trying again in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
