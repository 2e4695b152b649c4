package org.leakdesk.infra.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.PendingBlob;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in an S3-compatible bucket, for installations where several machines share one store.
 *
 * <p><strong>Commit.</strong> A blob is written as the parts of a multipart upload straight to its
 * final key ({@code <prefix>blobs/<id>}); the upload is completed only by {@link
 * PendingBlob#commit()}. S3 shows nothing under a key before its upload completes, so a crash
 * never leaves a half blob under its name: what it leaves is an unfinished multipart upload, which
 * {@link #deleteUncommittedBefore} aborts once its last part is older than the cutoff (the time
 * of the last part, not the upload's start, so an upload still receiving parts is kept however
 * long it runs). A blob smaller than one part is sent as one PUT at commit. Nothing is copied or
 * renamed, which S3 can only do by rewriting every byte.
 *
 * <p><strong>Memory and disk.</strong> The writer's bytes (already ciphertext) collect in one
 * part buffer in memory, which is sent when full: a blob of any size takes at most one part of
 * memory, and the SDK reads each part from that buffer (it is handed a stream over it, never a
 * file), so nothing reaches a local disk.
 *
 * <p><strong>Age.</strong> The sweeper's notion of when a blob was last written is the later of
 * the object's {@code LastModified} and of a keep-alive mark, an empty object at {@code
 * <prefix>touched/<id>} that {@link #touch} writes. Copying an object onto itself would also
 * renew {@code LastModified}, but rewrites every byte of it each minute an upload runs; a mark
 * costs one small PUT. A multipart blob gets a mark at commit too, because S3 dates such an
 * object from the start of its upload. Marks older than a sweep's cutoff keep nothing alive and
 * are removed by {@link #deleteUncommittedBefore}. The times are the server's: the application's
 * clock and the store's must agree to well within the sweeper's grace period.
 */
final class S3BlobStore implements BlobStore, AutoCloseable {

    static final String BLOBS = "blobs/";
    static final String TOUCHED = "touched/";
    private static final int FIRST_BUFFER = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String blobs;
    private final String touched;
    private final int partSize;

    /**
     * @param prefix put before every key, e.g. {@code leakdesk/} to share a bucket (may be empty)
     * @param partSize bytes per multipart part: at least 5 MiB (S3's smallest part but the last)
     * @throws IOException if the bucket cannot be reached
     */
    S3BlobStore(S3Client s3, String bucket, String prefix, int partSize) throws IOException {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("The part size must be at least 5 MiB, S3's smallest part");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.blobs = prefix + BLOBS;
        this.touched = prefix + TOUCHED;
        this.partSize = partSize;
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (SdkException e) {
            throw new IOException("Cannot reach the S3 bucket '" + bucket + "': " + e.getMessage(), e);
        }
    }

    @Override
    public PendingBlob create() {
        return new S3PendingBlob(new BlobId(UUID.randomUUID()));
    }

    @Override
    public InputStream open(BlobId id) throws IOException {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(keyOf(id)));
        } catch (NoSuchKeyException missing) {
            throw new NoSuchFileException("No blob " + id);
        } catch (SdkException e) {
            throw failed("read", id, e);
        }
    }

    @Override
    public void delete(BlobId id) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(keyOf(id)));
            s3.deleteObject(request -> request.bucket(bucket).key(touched + id));
        } catch (SdkException e) {
            throw failed("delete", id, e);
        }
    }

    @Override
    public boolean exists(BlobId id) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(keyOf(id)));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException(failed("look up", id, e));
        } catch (SdkException e) {
            throw new UncheckedIOException(failed("look up", id, e));
        }
    }

    @Override
    public Stream<BlobId> committedBefore(Instant cutoff) throws IOException {
        Set<BlobId> keptAlive = new HashSet<>();
        try {
            for (S3Object mark : s3.listObjectsV2Paginator(
                            request -> request.bucket(bucket).prefix(touched))
                    .contents()) {
                if (!mark.lastModified().isBefore(cutoff)) {
                    idOf(mark.key(), touched).ifPresent(keptAlive::add);
                }
            }
        } catch (SdkException e) {
            throw new IOException("Cannot list the keep-alive marks in S3 bucket '" + bucket + "'", e);
        }
        Iterator<S3Object> objects = s3.listObjectsV2Paginator(
                        request -> request.bucket(bucket).prefix(blobs))
                .contents()
                .iterator();
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(new Unchecked<>(objects), Spliterator.ORDERED), false)
                .filter(object -> object.lastModified().isBefore(cutoff))
                .flatMap(object -> idOf(object.key(), blobs).stream())
                .filter(id -> !keptAlive.contains(id));
    }

    @Override
    public int deleteUncommittedBefore(Instant cutoff) throws IOException {
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                            request -> request.bucket(bucket).prefix(blobs))
                    .uploads()) {
                if (idOf(upload.key(), blobs).isPresent()
                        && lastWritten(upload).isBefore(cutoff)
                        && abort(upload.key(), upload.uploadId())) {
                    aborted++;
                }
            }
            removeMarksBefore(cutoff);
        } catch (SdkException e) {
            throw new IOException("Cannot clear unfinished uploads in S3 bucket '" + bucket + "'", e);
        }
        return aborted;
    }

    @Override
    public void touch(BlobId id) throws IOException {
        if (!exists(id)) {
            return;
        }
        mark(id);
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * When the upload last received a part; its start if it has none. The parts' times are
     * enough: some servers (S3Proxy) report every upload as started now.
     */
    private Instant lastWritten(MultipartUpload upload) {
        Instant last = null;
        for (Part part : s3.listPartsPaginator(
                        request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()))
                .parts()) {
            if (last == null || part.lastModified().isAfter(last)) {
                last = part.lastModified();
            }
        }
        if (last != null) {
            return last;
        }
        return upload.initiated() == null ? Instant.EPOCH : upload.initiated();
    }

    /** @return false if the upload was already gone (completed or aborted by another node) */
    private boolean abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            return true;
        } catch (NoSuchUploadException gone) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void removeMarksBefore(Instant cutoff) {
        for (S3Object mark : s3.listObjectsV2Paginator(
                        request -> request.bucket(bucket).prefix(touched))
                .contents()) {
            if (mark.lastModified().isBefore(cutoff)) {
                s3.deleteObject(request -> request.bucket(bucket).key(mark.key()));
            }
        }
    }

    private void mark(BlobId id) throws IOException {
        try {
            s3.putObject(request -> request.bucket(bucket).key(touched + id), RequestBody.empty());
        } catch (SdkException e) {
            throw failed("renew", id, e);
        }
    }

    String keyOf(BlobId id) {
        return blobs + id;
    }

    /** The id in a key under {@code folder}, if the rest of the key is exactly a UUID. */
    private static Optional<BlobId> idOf(String key, String folder) {
        String name = key.substring(folder.length());
        if (name.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(name);
            return uuid.toString().equals(name) ? Optional.of(new BlobId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException notABlob) {
            return Optional.empty();
        }
    }

    private IOException failed(String what, BlobId id, SdkException e) {
        return new IOException("Could not " + what + " blob " + id + " in S3 bucket '" + bucket + "'", e);
    }

    /** Lets a listing that fails halfway surface as the {@link UncheckedIOException} the sweeper expects. */
    private static final class Unchecked<T> implements Iterator<T> {

        private final Iterator<T> delegate;

        Unchecked(Iterator<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean hasNext() {
            try {
                return delegate.hasNext();
            } catch (SdkException e) {
                throw new UncheckedIOException(new IOException("Listing the S3 bucket failed", e));
            }
        }

        @Override
        public T next() {
            try {
                return delegate.next();
            } catch (SdkException e) {
                throw new UncheckedIOException(new IOException("Listing the S3 bucket failed", e));
            }
        }
    }

    private final class S3PendingBlob implements PendingBlob {

        private final BlobId id;
        private final String key;
        private final PartBuffer buffer;
        private final List<CompletedPart> parts = new ArrayList<>();
        private @Nullable String uploadId;
        private long size;
        private boolean finished;

        S3PendingBlob(BlobId id) {
            this.id = id;
            this.key = keyOf(id);
            this.buffer = new PartBuffer(FIRST_BUFFER, partSize, this::sendPart);
        }

        @Override
        public BlobId id() {
            return id;
        }

        @Override
        public OutputStream stream() {
            return buffer;
        }

        @Override
        public long commit() throws IOException {
            if (finished) {
                throw new IllegalStateException("Blob " + id + " is already committed or discarded");
            }
            try {
                if (uploadId == null) {
                    size = buffer.size();
                    s3.putObject(
                            request -> request.bucket(bucket).key(key).contentLength((long) buffer.size()),
                            buffer.body());
                } else {
                    if (buffer.size() > 0) {
                        sendPart();
                    }
                    String upload = uploadId;
                    s3.completeMultipartUpload(request -> request.bucket(bucket)
                            .key(key)
                            .uploadId(upload)
                            .multipartUpload(done -> done.parts(parts)));
                    // S3 dates a multipart object from the start of its upload: renew it as of now.
                    mark(id);
                }
            } catch (SdkException e) {
                throw failed("store", id, e);
            }
            finished = true;
            buffer.release();
            return size;
        }

        /** Sends the buffer as the next part, starting the multipart upload with the first one. */
        private void sendPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(
                                    request -> request.bucket(bucket).key(key))
                            .uploadId();
                }
                String upload = uploadId;
                int number = parts.size() + 1;
                long length = buffer.size();
                String eTag = s3.uploadPart(
                                request -> request.bucket(bucket)
                                        .key(key)
                                        .uploadId(upload)
                                        .partNumber(number)
                                        .contentLength(length),
                                buffer.body())
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
                size += length;
                buffer.reset();
            } catch (SdkException e) {
                throw failed("store a part of", id, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (finished) {
                return;
            }
            finished = true;
            buffer.release();
            if (uploadId != null) {
                try {
                    abort(key, uploadId);
                } catch (SdkException e) {
                    // deleteUncommittedBefore aborts it later; say which one is left.
                    throw failed("discard the unfinished upload of", id, e);
                }
            }
        }
    }
}
