package org.leakdesk.infra.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Lets writers close their stream without closing the file before it is synced and committed, and
 * tells the blob's {@link EarlySync} what was written.
 */
final class UnclosableChannel implements WritableByteChannel {

    private final FileChannel channel;
    private final EarlySync sync;

    UnclosableChannel(FileChannel channel, EarlySync sync) {
        this.channel = channel;
        this.sync = sync;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int written = channel.write(src);
        sync.written(written);
        return written;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        // The pending blob owns the channel.
    }
}
