package org.leakdesk.infra.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/** Lets writers close their stream without closing the file before it is synced and committed. */
final class UnclosableChannel implements WritableByteChannel {

    private final FileChannel channel;

    UnclosableChannel(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return channel.write(src);
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
