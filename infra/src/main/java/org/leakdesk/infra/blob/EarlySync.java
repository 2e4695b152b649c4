package org.leakdesk.infra.blob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Starts syncing a blob's file while it is still being written: every {@code every} bytes, one
 * {@code fsync} runs on another thread (never two at once for one file). The disk then works while
 * the upload still streams, and committing a large blob waits only for its last stretch instead of
 * the whole file. A failed early sync is ignored: the commit's own sync reports what is wrong.
 */
final class EarlySync {

    private final FileChannel channel;
    private final Executor syncs;
    private final long every;
    private long unsynced;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    EarlySync(FileChannel channel, Executor syncs, long every) {
        this.channel = channel;
        this.syncs = syncs;
        this.every = every;
    }

    /** Counts bytes just written; starts a sync once enough have piled up and none is running. */
    void written(long bytes) {
        unsynced += bytes;
        if (unsynced >= every && inFlight.isDone()) {
            unsynced = 0;
            inFlight = CompletableFuture.runAsync(
                    () -> {
                        try {
                            channel.force(false);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    syncs);
        }
    }

    /** Waits for a running sync to end, whatever its outcome. */
    void settle() {
        inFlight.handle((ok, failure) -> null).join();
    }
}
