package org.leakdesk.infra;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A blob being written under a temporary name. {@link #commit()} makes it durable and visible;
 * closing without committing discards it.
 */
public interface PendingBlob extends Closeable {

    /** The blob's id, fixed from the start so it can be bound into the ciphertext. */
    BlobId id();

    /** Where to write the blob's bytes (ciphertext only). */
    OutputStream stream();

    /**
     * Flushes, syncs to disk and renames into place. After this returns the blob survives a crash.
     *
     * @return the number of bytes stored
     */
    long commit() throws IOException;

    /** Discards the blob unless it was committed. */
    @Override
    void close() throws IOException;
}
