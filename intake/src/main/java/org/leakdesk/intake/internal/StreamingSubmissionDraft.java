package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.Encryption;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.PendingBlob;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.intake.FollowUpReceived;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionReceived;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts each file while it streams in: plaintext exists only in the few pieces of a {@link
 * PipelinedFileSink}, wiped after each file. Blobs are committed (synced, renamed) as files
 * finish; the database rows, the access log entry, the row that hands the case over to review
 * ({@code intake_handover}) and the {@code SubmissionReceived} event follow in one transaction
 * at {@link #commit()}. Until then, {@link #close()} deletes every blob written.
 */
final class StreamingSubmissionDraft implements SubmissionDraft {

    static final String SOURCE_ACTOR = "source";
    private static final Logger log = LoggerFactory.getLogger(StreamingSubmissionDraft.class);
    /** How often an upload in flight renews its blobs, well inside the sweeper's shortest grace period. */
    private static final long KEEP_ALIVE_MILLIS = 60_000;

    private record StoredFile(SubmissionStore.FileRow row, long storedSize) {}

    /** A new source's codename, its lookup hash and its reply public key: two slow KDFs. */
    private record NewSource(String codename, byte[] codenameHash, byte[] replyPublicKey) {

        static NewSource generate(Codenames codenames) {
            String codename = codenames.generate();
            return new NewSource(
                    codename,
                    codenames.hash(codename),
                    ReplyKeys.publicKey(ReplyKeys.derive(codenames.replyKeySeed(codename))));
        }
    }

    private final UUID submissionId;
    /** Set when this draft adds to an existing case rather than starting one. */
    private final @Nullable UUID followUpId;
    /** Worked out beside the upload while its files stream in; null for a follow-up. */
    private final @Nullable CompletableFuture<NewSource> newSource;

    private final List<StoredFile> files = new ArrayList<>();
    private final List<BlobId> committedBlobs = new ArrayList<>();
    private final DraftServices services;
    private @Nullable SealedValue message;
    private @Nullable Integer messageCutAt;
    private long totalBytes;
    private long keptAliveAt;
    private boolean committed;

    StreamingSubmissionDraft(DraftServices services) {
        this.services = services;
        this.submissionId = UUID.randomUUID();
        this.followUpId = null;
        this.newSource = CompletableFuture.supplyAsync(
                () -> NewSource.generate(services.codenames()), services.uploadThreads()::execute);
    }

    /** A follow-up of a returning source: more files and a message for an existing case. */
    StreamingSubmissionDraft(DraftServices services, UUID existingSubmission) {
        this.services = services;
        this.submissionId = existingSubmission;
        this.followUpId = UUID.randomUUID();
        this.newSource = null;
    }

    @Override
    public FileUpload openFile(String fileName, @Nullable String declaredType) throws IOException {
        ensureOpen();
        if (files.size() >= services.limits().maxFiles()) {
            throw new UploadRejectedException(
                    Reason.TOO_MANY_FILES,
                    "upload.refused.too-many-files",
                    List.of(services.limits().maxFiles()),
                    "A submission can hold at most " + services.limits().maxFiles()
                            + " files. Nothing was kept; send the rest in a second submission.");
        }
        return new OpenFile(fileName, declaredType);
    }

    /** One file being written: its blob, its encryption and its running hash and size. */
    private final class OpenFile implements FileUpload {

        private final UUID fileId = UUID.randomUUID();
        private final String fileName;
        private final @Nullable String declaredType;
        private final PendingBlob blob;
        private @Nullable Encryption encryption;
        private final PipelinedFileSink sink;
        private long size;
        private boolean done;

        OpenFile(String fileName, @Nullable String declaredType) throws IOException {
            this.fileName = fileName;
            this.declaredType = declaredType;
            this.blob = services.blobs().create();
            try {
                this.sink = new PipelinedFileSink(this::encrypt, services.uploadThreads()::execute);
            } catch (RuntimeException e) {
                blob.close();
                throw e;
            }
        }

        /** The blob's encrypting stream: sized to the file when the sink knows its length by then. */
        private OutputStream encrypt(long length) throws IOException {
            ObjectRef ref = FileRefs.content(submissionId, fileId);
            Encryption started = length < 0
                    ? services.encryptor().encrypt(blob.stream(), ref)
                    : services.encryptor().encrypt(blob.stream(), ref, length);
            encryption = started;
            return started.plaintext();
        }

        @Override
        public void write(ByteBuffer content) throws IOException {
            if (done) {
                throw new IllegalStateException("This file is already finished or closed");
            }
            size += content.remaining();
            checkSizes(size);
            sink.write(content);
            keepAlive(false);
        }

        @Override
        public void finish() throws IOException {
            if (done) {
                throw new IllegalStateException("This file is already finished or closed");
            }
            sink.finish();
            Encryption encryption = Objects.requireNonNull(this.encryption, "finish() opens the encryption");
            long storedSize = blob.commit();
            done = true;
            committedBlobs.add(blob.id());
            totalBytes += size;
            Manifest manifest = new Manifest(fileName, declaredType, size, null);
            SealedValue sealedManifest =
                    services.encryptor().seal(services.json().write(manifest), FileRefs.manifest(submissionId, fileId));
            files.add(new StoredFile(
                    new SubmissionStore.FileRow(
                            submissionId, fileId, files.size() + 1, blob.id(), encryption.key(), sealedManifest),
                    storedSize));
        }

        @Override
        public void close() throws IOException {
            try {
                sink.close();
            } finally {
                if (!done) {
                    done = true;
                    blob.close();
                }
            }
        }
    }

    private void checkSizes(long fileSize) {
        if (fileSize > services.limits().maxFileSize().toBytes()) {
            throw new UploadRejectedException(
                    Reason.FILE_TOO_LARGE,
                    "upload.refused.file-too-large",
                    List.of(services.limits().fileSizeText()),
                    "One file is larger than " + services.limits().fileSizeText()
                            + ", the limit for one file. Nothing was kept.");
        }
        if (totalBytes + fileSize > services.limits().maxUploadSize().toBytes()) {
            throw new UploadRejectedException(
                    Reason.UPLOAD_TOO_LARGE,
                    "upload.refused.files-too-large",
                    List.of(services.limits().uploadSizeText()),
                    "The files together are larger than "
                            + services.limits().uploadSizeText()
                            + ". Nothing was kept; send them in several submissions.");
        }
    }

    @Override
    public void setMessage(String text) {
        ensureOpen();
        if (text.length() > services.limits().maxMessageLength()) {
            throw new UploadRejectedException(
                    Reason.MESSAGE_TOO_LONG,
                    "upload.refused.message-too-long",
                    List.of(services.limits().maxMessageLength()),
                    "The message is longer than " + services.limits().maxMessageLength()
                            + " characters. Nothing was kept; shorten it and send again.");
        }
        seal(text);
    }

    @Override
    public void setCutMessage(String text) {
        ensureOpen();
        int limit = services.limits().maxMessageLength();
        seal(cut(text, limit));
        messageCutAt = limit;
    }

    /** The first {@code limit} characters, never splitting a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit > 0 && Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }

    private void seal(String text) {
        String trimmed = text.strip();
        message = trimmed.isEmpty()
                ? null
                : services.encryptor()
                        .seal(
                                trimmed.getBytes(StandardCharsets.UTF_8),
                                followUpId == null
                                        ? FileRefs.message(submissionId)
                                        : FileRefs.followUpMessage(submissionId, followUpId));
    }

    @Override
    public Receipt commit() {
        ensureOpen();
        if (followUpId != null) {
            return commitFollowUp(followUpId);
        }
        if (files.isEmpty()) {
            throw new UploadRejectedException(
                    Reason.NO_FILES, "upload.refused.no-files", List.of(), "Choose at least one file to send.");
        }
        try {
            keepAlive(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not renew the blobs of an upload before storing it", e);
        }
        NewSource source = awaitNewSource(newSource);
        Instant receivedAt = services.sourceSettings().coarsen(services.clock().instant());
        services.transactions().executeWithoutResult(status -> {
            services.store().insertSubmission(submissionId, receivedAt, source.codenameHash(), message, messageCutAt);
            services.conversations().setReplyPublicKey(submissionId, source.replyPublicKey());
            files.forEach(file -> services.store().insertFile(submissionId, file.row(), file.storedSize()));
            services.accessLog()
                    .record(new AccessRecord(
                            SOURCE_ACTOR, IntakeAccessAction.SUBMISSION_RECEIVED, submissionId.toString(), contents()));
            services.store().awaitReview(submissionId, null, files.size(), receivedAt);
            services.events().publishEvent(new SubmissionReceived(submissionId, files.size(), receivedAt));
        });
        committed = true;
        return new Receipt(submissionId, source.codename(), files.size(), messageCutAt != null);
    }

    private static NewSource awaitNewSource(@Nullable CompletableFuture<NewSource> newSource) {
        try {
            return Objects.requireNonNull(newSource, "a new submission works out its source")
                    .join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * What arrived, for the access log: counts only. No time either: the entry's own timestamp is
     * the log's, and the case's arrival is stored coarsened.
     */
    private String contents() {
        return files.size()
                + (files.size() == 1 ? " document" : " documents")
                + (message != null ? " and a message" : "")
                + (messageCutAt != null ? " (cut at the length limit)" : "");
    }

    /**
     * Stores a follow-up: its files take the next positions of the case (numbered under a lock of
     * the case's row, so two follow-ups at once do not collide), its message its own row.
     */
    private Receipt commitFollowUp(UUID followUpId) {
        if (files.isEmpty() && message == null) {
            throw new UploadRejectedException(
                    Reason.NO_FILES,
                    "upload.refused.nothing",
                    List.of(),
                    "Write a message or choose at least one file to send.");
        }
        try {
            keepAlive(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not renew the blobs of an upload before storing it", e);
        }
        Instant arrivedAt = services.sourceSettings().coarsen(services.clock().instant());
        services.transactions().executeWithoutResult(status -> {
            int before = services.conversations().lockAndCountFiles(submissionId);
            services.conversations().insertFollowUp(followUpId, submissionId, arrivedAt, message, messageCutAt);
            for (StoredFile file : files) {
                SubmissionStore.FileRow row = file.row();
                services.store()
                        .insertFile(
                                submissionId,
                                new SubmissionStore.FileRow(
                                        submissionId,
                                        row.fileId(),
                                        before + row.order(),
                                        row.blobId(),
                                        row.contentKey(),
                                        row.manifest()),
                                file.storedSize());
                services.conversations().attachFile(row.fileId(), followUpId);
            }
            services.accessLog()
                    .record(new AccessRecord(
                            SOURCE_ACTOR, IntakeAccessAction.FOLLOW_UP_RECEIVED, submissionId.toString(), contents()));
            services.store().awaitReview(submissionId, followUpId, files.size(), arrivedAt);
            services.events().publishEvent(new FollowUpReceived(submissionId, followUpId, files.size(), arrivedAt));
        });
        committed = true;
        return new Receipt(submissionId, "", files.size(), messageCutAt != null);
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        for (BlobId blob : committedBlobs) {
            try {
                services.blobs().delete(blob);
            } catch (IOException e) {
                // The sweeper removes blobs no row references; say which one is left.
                log.warn("Could not delete blob {} of an abandoned upload", blob, e);
            }
        }
        committedBlobs.clear();
        files.clear();
        committed = true;
    }

    /**
     * Renews the blobs this upload has committed, so the blob sweeper (which removes blobs no row
     * refers to once they are older than its grace period) never takes them while it runs.
     */
    private void keepAlive(boolean now) throws IOException {
        long at = services.clock().millis();
        if (!now && at - keptAliveAt < KEEP_ALIVE_MILLIS) {
            return;
        }
        for (BlobId blob : committedBlobs) {
            services.blobs().touch(blob);
        }
        keptAliveAt = at;
    }

    private void ensureOpen() {
        if (committed) {
            throw new IllegalStateException("This submission draft is already committed or closed");
        }
    }
}
