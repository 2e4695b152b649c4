package org.leakdesk.infra.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Collects a blob's bytes in memory up to one part, handing each full part to the store. It
 * starts small and grows, so the many small blobs (messages, metadata) do not each take a whole
 * part of memory. Closing it does not end the blob: the pending blob commits or discards it.
 */
final class PartBuffer extends OutputStream {

    /** Sends the buffered part and {@linkplain #reset() empties} the buffer. */
    @FunctionalInterface
    interface PartSender {
        void send() throws IOException;
    }

    private final int partSize;
    private final PartSender sender;
    private byte[] bytes;
    private int count;
    private boolean released;

    PartBuffer(int initialSize, int partSize, PartSender sender) {
        this.partSize = partSize;
        this.sender = sender;
        this.bytes = new byte[Math.min(initialSize, partSize)];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int length) throws IOException {
        if (released) {
            throw new IOException("This blob is already committed or discarded");
        }
        Objects.checkFromIndexSize(offset, length, source.length);
        while (length > 0) {
            if (count == partSize) {
                sender.send();
            }
            int n = Math.min(length, partSize - count);
            ensureRoom(count + n);
            System.arraycopy(source, offset, bytes, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    private void ensureRoom(int needed) {
        if (needed > bytes.length) {
            int grown = (int) Math.min(partSize, Math.max((long) bytes.length * 2, needed));
            bytes = Arrays.copyOf(bytes, grown);
        }
    }

    int size() {
        return count;
    }

    /** The buffered bytes, readable as often as the SDK retries, without a copy. */
    RequestBody body() {
        byte[] part = bytes;
        int length = count;
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(part, 0, length), length, "application/octet-stream");
    }

    void reset() {
        count = 0;
    }

    /** Drops the buffer; later writes fail. */
    void release() {
        released = true;
        bytes = new byte[0];
        count = 0;
    }

    @Override
    public void close() {
        // The pending blob decides when the blob ends.
    }
}
