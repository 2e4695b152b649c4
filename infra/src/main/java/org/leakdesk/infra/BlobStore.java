package org.leakdesk.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * Stores encrypted blobs. Writes go to a temporary name, are synced and then renamed, so a
 * crash never leaves a half-written blob under its final name.
 */
public interface BlobStore {

    /** Starts a new blob under a fresh id. */
    PendingBlob create() throws IOException;

    /**
     * Opens a committed blob.
     *
     * @throws NoSuchFileException if there is none under that id
     */
    InputStream open(BlobId id) throws IOException;

    /** Deletes a blob; does nothing if it does not exist. */
    void delete(BlobId id) throws IOException;

    /** True if a committed blob exists under that id. */
    boolean exists(BlobId id);
}
