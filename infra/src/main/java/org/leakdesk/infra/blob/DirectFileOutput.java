package org.leakdesk.infra.blob;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A blob's file written with direct I/O ({@code O_DIRECT}): the bytes go from two aligned
 * buffers straight to the disk, not through the page cache, and one buffer is written on another
 * thread while the caller fills the other. A blob is ciphertext nobody reads again soon, and
 * filling the page cache with a gigabyte of it only to sync it at the end costs more than the
 * write (measured: {@code infra/scripts/benchmark}). The last, partial block is padded with zeros
 * to the file system's block size and the file truncated back to its length by {@link #finish()}.
 */
final class DirectFileOutput extends OutputStream {

    /** How the output gets its aligned buffers, and gives them back. */
    interface Buffers {
        ByteBuffer take();

        void giveBack(ByteBuffer buffer);
    }

    private final FileChannel channel;
    private final int blockSize;
    private final Executor writer;
    private final Buffers buffers;
    private ByteBuffer filling;
    private @Nullable ByteBuffer spare;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    /** Where the next full buffer goes in the file. */
    private long position;

    private boolean finished;

    DirectFileOutput(FileChannel channel, int blockSize, Executor writer, Buffers buffers) {
        this.channel = channel;
        this.blockSize = blockSize;
        this.writer = writer;
        this.buffers = buffers;
        this.filling = buffers.take();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("The blob is already finished");
        }
        int at = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, filling.remaining());
            filling.put(bytes, at, n);
            at += n;
            left -= n;
            if (!filling.hasRemaining()) {
                handOver();
            }
        }
    }

    /** Writes what is left, waits for the disk, and cuts the padding off: the file's length. */
    long finish() throws IOException {
        if (finished) {
            return channel.size();
        }
        finished = true;
        long length = position + filling.position();
        if (filling.position() > 0) {
            int padded = (filling.position() + blockSize - 1) / blockSize * blockSize;
            while (filling.position() < padded) {
                filling.put((byte) 0);
            }
            filling.flip();
            await();
            writeFully(filling, position);
        } else {
            await();
        }
        channel.truncate(length);
        return length;
    }

    /** Waits for a write in flight and returns the buffers (after a failure too). */
    void release() {
        inFlight.handle((ok, failure) -> null).join();
        buffers.giveBack(filling);
        if (spare != null) {
            buffers.giveBack(spare);
            spare = null;
        }
    }

    /** Sends the full buffer to the disk on the writer thread and goes on in the other one. */
    private void handOver() throws IOException {
        ByteBuffer full = filling;
        full.flip();
        await();
        ByteBuffer next = spare != null ? spare : buffers.take();
        next.clear();
        spare = full;
        long at = position;
        position += full.remaining();
        inFlight = CompletableFuture.runAsync(
                () -> {
                    try {
                        writeFully(full, at);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                writer);
        filling = next;
    }

    private void writeFully(ByteBuffer buffer, long at) throws IOException {
        long to = at;
        while (buffer.hasRemaining()) {
            to += channel.write(buffer, to);
        }
    }

    private void await() throws IOException {
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while writing a blob");
        } catch (ExecutionException e) {
            Throwable cause =
                    e.getCause() instanceof UncheckedIOException unchecked ? unchecked.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("Writing a blob failed", cause);
        }
    }
}
