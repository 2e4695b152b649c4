package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobReferences;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.intake.IntakeAccessAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Removes blobs that no row refers to: what a crash between committing a blob and committing its
 * row leaves behind, and temporary files of blobs a dead process was writing. Only blobs older
 * than the grace period are touched; an upload in flight keeps its blobs younger than that. Runs
 * once at start, before the application takes requests, then every interval; each sweep is
 * written to the access log.
 */
final class BlobSweeper implements SmartLifecycle {

    static final String ACTOR = "system:blob-sweeper";
    private static final Logger log = LoggerFactory.getLogger(BlobSweeper.class);
    private static final int BATCH = 200;

    /** What one sweep did. */
    record Sweep(int checked, int removed, int unfinished) {}

    private final BlobStore blobs;
    private final List<BlobReferences> references;
    private final AccessLog accessLog;
    private final BlobSweepSettings settings;
    private final Clock clock;
    private @Nullable ScheduledExecutorService scheduler;

    BlobSweeper(
            BlobStore blobs,
            List<BlobReferences> references,
            AccessLog accessLog,
            BlobSweepSettings settings,
            Clock clock) {
        if (references.isEmpty()) {
            throw new IllegalStateException("No BlobReferences: the sweeper would remove every blob");
        }
        this.blobs = blobs;
        this.references = List.copyOf(references);
        this.accessLog = accessLog;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sweeps now: removes unreferenced blobs and unfinished temporary files older than the grace period. */
    Sweep sweep() throws IOException {
        Instant cutoff = clock.instant().minus(settings.grace());
        int unfinished = blobs.deleteUncommittedBefore(cutoff);
        int checked = 0;
        int removed = 0;
        try (Stream<BlobId> old = blobs.committedBefore(cutoff)) {
            Iterator<BlobId> ids = old.iterator();
            while (ids.hasNext()) {
                List<BlobId> batch = nextBatch(ids);
                checked += batch.size();
                removed += removeUnreferenced(batch);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Sweep sweep = new Sweep(checked, removed, unfinished);
        accessLog.recordNow(new AccessRecord(ACTOR, IntakeAccessAction.BLOBS_SWEPT, null, describe(sweep)));
        return sweep;
    }

    private static List<BlobId> nextBatch(Iterator<BlobId> ids) {
        List<BlobId> batch = new ArrayList<>(BATCH);
        while (ids.hasNext() && batch.size() < BATCH) {
            batch.add(ids.next());
        }
        return batch;
    }

    private int removeUnreferenced(List<BlobId> batch) throws IOException {
        Set<BlobId> orphans = new HashSet<>(batch);
        for (BlobReferences module : references) {
            orphans.removeAll(module.referenced(batch));
        }
        for (BlobId orphan : orphans) {
            blobs.delete(orphan);
            log.info("Removed blob {}: no row refers to it", orphan);
        }
        return orphans.size();
    }

    private String describe(Sweep sweep) {
        return "removed " + sweep.removed() + " of " + sweep.checked() + " blobs older than " + settings.grace()
                + " that no case refers to, and " + sweep.unfinished() + " unfinished uploads";
    }

    @Override
    public synchronized void start() {
        // The first sweep before requests are taken, so what a crash left is gone before anything else runs.
        run();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "blob-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            Sweep sweep = sweep();
            if (sweep.removed() + sweep.unfinished() > 0) {
                log.info("Blob sweep: {}", describe(sweep));
            }
        } catch (IOException | RuntimeException e) {
            // Logged, not thrown: a thrown exception would end the schedule (or the start) for good.
            log.error("The blob sweep failed; trying again in {}", settings.interval(), e);
        }
    }

    /** Before the web servers start (they start in phase {@code Integer.MAX_VALUE - 1025}). */
    @Override
    public int getPhase() {
        return 0;
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
