package org.leakdesk.intake.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads an upload uses beside its request thread: one per file being stored (encrypting) and
 * one per new submission for its codename's KDFs, as many as uploads run. Not an
 * {@link java.util.concurrent.Executor} bean, so Spring's own task executor is left alone.
 */
final class UploadThreads implements AutoCloseable {

    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "leakdesk-upload-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    void execute(Runnable task) {
        threads.execute(task);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
