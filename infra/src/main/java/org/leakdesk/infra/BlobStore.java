package org.leakdesk.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Stores encrypted blobs. A blob being written is invisible under its id until it is committed
 * (the local store writes a temporary file, syncs and renames it; the S3 store completes a
 * multipart upload only at commit), so a crash never leaves a half-written blob under its final
 * name. Which store a process uses is configuration ({@code leakdesk.blobs.store}).
 *
 * <p>A crash between committing a blob and committing the row that names it leaves a blob nobody
 * references; a sweeper removes such blobs once they are older than a grace period. It asks every
 * {@link BlobReferences} bean which blobs are in use: <strong>a module that keeps blob ids must
 * contribute one</strong>, or its blobs are removed after the grace period.
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

    /**
     * Committed blobs last written (or {@linkplain #touch touched}) before {@code cutoff}, for
     * the sweeper that removes blobs no row references. The caller closes the stream.
     */
    Stream<BlobId> committedBefore(Instant cutoff) throws IOException;

    /**
     * Deletes the temporary files (unfinished uploads) of blobs that were never committed and were
     * last written before {@code cutoff} (a process died while writing them).
     *
     * @return how many were deleted
     */
    int deleteUncommittedBefore(Instant cutoff) throws IOException;

    /**
     * Marks a committed blob as in use now: an upload still in flight calls this for the blobs it
     * has written, so the sweeper's grace period never runs out under it. Does nothing if the blob
     * does not exist.
     */
    void touch(BlobId id) throws IOException;
}
