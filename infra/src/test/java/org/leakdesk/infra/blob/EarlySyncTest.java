package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlySyncTest {

    @TempDir
    Path dir;

    @Test
    void startsOneSyncForEachStretchWritten() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        Executor counting = task -> {
            syncs.incrementAndGet();
            task.run();
        };
        try (FileChannel channel =
                FileChannel.open(dir.resolve("blob"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            EarlySync sync = new EarlySync(channel, counting, 1000);
            for (int i = 0; i < 35; i++) {
                sync.written(channel.write(ByteBuffer.allocate(100)));
            }
            sync.settle();
        }
        assertThat(syncs).hasValue(3);
    }

    @Test
    void neverRunsTwoSyncsOfOneFileAtOnce() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicInteger started = new AtomicInteger();
        Executor slowDisk = task -> CompletableFuture.runAsync(() -> {
            started.incrementAndGet();
            release.join();
            task.run();
        });
        try (FileChannel channel =
                FileChannel.open(dir.resolve("blob"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            EarlySync sync = new EarlySync(channel, slowDisk, 1000);
            for (int i = 0; i < 50; i++) {
                sync.written(channel.write(ByteBuffer.allocate(100)));
            }
            release.complete(null);
            sync.settle();
        }
        assertThat(started).hasValue(1);
    }
}
