package org.leakdesk.infra;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written, invisible under its id until committed. {@link #commit()} makes it durable and visible;
 * closing without committing discards it.
 */
public interface PendingBlob extends Closeable {

    /** The blob's id, fixed from the start so it can be bound into the ciphertext. */
    BlobId id();

    /** Where to write the blob's bytes (ciphertext only). */
    OutputStream stream();

    /**
     * Makes the blob durable and visible under its id (flush, sync and rename on disk; complete the
     * upload on S3). After this returns the blob survives a crash.
     *
     * @return the number of bytes stored
     */
    long commit() throws IOException;

    /** Discards the blob unless it was committed. */
    @Override
    void close() throws IOException;
}
