package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadLimits;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;
import org.springframework.http.ContentDisposition;

/**
 * Reads a {@code multipart/form-data} submission straight from the request body: Jetty's
 * multipart parser (a Boyer-Moore-Horspool search for the boundary; commons-fileupload's
 * byte-by-byte scan held uploads to a few hundred MiB/s) pushes each part's content as it reads,
 * and each file's content goes on to the draft, which hashes and encrypts it as it streams. No part
 * is ever buffered whole or spooled to a temporary file. Fields: {@code message} (optional, best
 * sent first) and {@code files} (one or more).
 *
 * <p>Every limit is counted here, on the stream: the whole body ({@link RequestBody}), the number
 * of parts of any kind, the number of files, the message's length and the size of any other part,
 * which is read and thrown away.
 */
final class MultipartSubmissionReader {

    static final String FILES = "files";
    static final String MESSAGE = "message";
    /** Room for a file name of tens of thousands of characters (kept, encrypted, as it came). */
    private static final int MAX_PART_HEADER = 64 * 1024;
    /** Read from the connection in pieces this large: big enough that the parser's search skips far. */
    private static final int READ_BUFFER = 1 << 18;

    private final SubmissionIntake intake;

    MultipartSubmissionReader(SubmissionIntake intake) {
        this.intake = intake;
    }

    Receipt read(HttpServletRequest request) throws IOException {
        return read(request, text -> {});
    }

    /**
     * Reads and stores one upload.
     *
     * @param messageRead given the message once it is read (at most 4 bytes per allowed character), so that a
     *     page that then refuses the upload can hand the source's words back instead of losing them
     */
    Receipt read(HttpServletRequest request, Consumer<String> messageRead) throws IOException {
        String boundary = boundary(request.getContentType());
        UploadLimits limits = intake.limits();
        if (request.getContentLengthLong() > limits.maxUploadSize().toBytes()) {
            throw RequestBody.tooLarge(limits);
        }
        RequestBody body = new RequestBody(request.getInputStream(), limits);
        try {
            return readParts(boundary, body, limits, messageRead);
        } catch (UploadRejectedException e) {
            // The draft is closed and its blobs deleted by now; read what the client still sends
            // (within the limits) so that a browser shows the page that explains, not a reset.
            if (e.tooLarge() || e.reason() == Reason.NO_FILES) {
                body.drainQuietly();
            }
            throw e;
        } catch (RequestBody.Interrupted e) {
            throw RequestBody.refusal(e);
        }
    }

    private static String boundary(@Nullable String contentType) {
        String boundary =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                        ? MultiPart.extractBoundary(contentType)
                        : null;
        if (boundary == null || boundary.isEmpty()) {
            throw new UploadRejectedException(
                    Reason.MALFORMED,
                    "upload.refused.not-multipart",
                    List.of(),
                    "Send the files as multipart/form-data.");
        }
        return boundary;
    }

    private Receipt readParts(String boundary, RequestBody body, UploadLimits limits, Consumer<String> messageRead)
            throws IOException {
        try (SubmissionDraft draft = intake.begin();
                Parts parts = new Parts(draft, limits, messageRead)) {
            MultiPart.Parser parser = new MultiPart.Parser(boundary, parts);
            parser.setPartHeadersMaxLength(MAX_PART_HEADER);
            // Counted by Parts, which says which limit it is; the parser's own cap only backs it up.
            parser.setMaxParts(limits.maxParts() + 1L);
            byte[] buffer = new byte[READ_BUFFER];
            try {
                boolean last = false;
                while (!last && !parts.complete) {
                    int n = body.read(buffer, 0, buffer.length);
                    last = n == -1;
                    parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, Math.max(n, 0)), last));
                    parts.rethrow();
                }
            } finally {
                Arrays.fill(buffer, (byte) 0);
            }
            if (!parts.complete) {
                throw new UploadRejectedException(
                        Reason.MALFORMED,
                        "upload.refused.ended-early",
                        List.of(),
                        "The upload ended before its last part. Nothing was kept; please try again.");
            }
            return draft.commit();
        }
    }

    /**
     * The parts of one request, counted as the parser reports them. The parser swallows what a
     * listener throws, so the first failure is kept, everything after it is ignored, and {@link
     * #rethrow()} raises it between two reads.
     */
    private static final class Parts extends MultiPart.AbstractPartsListener implements AutoCloseable {

        private final SubmissionDraft draft;
        private final UploadLimits limits;
        private final Consumer<String> messageRead;
        private int parts;
        private int files;
        private boolean messageSeen;
        private @Nullable String contentType;
        private @Nullable String extendedFileName;
        private SubmissionDraft.@Nullable FileUpload file;
        private @Nullable ByteArrayOutputStream message;
        private long skipLeft = -1;
        private @Nullable Exception failure;
        private @Nullable Throwable parserFailure;
        boolean complete;

        Parts(SubmissionDraft draft, UploadLimits limits, Consumer<String> messageRead) {
            this.draft = draft;
            this.limits = limits;
            this.messageRead = messageRead;
        }

        @Override
        public void onPartBegin() {
            contentType = null;
            extendedFileName = null;
            run(() -> {
                if (++parts > limits.maxParts()) {
                    throw new UploadRejectedException(
                            Reason.TOO_MANY_PARTS,
                            "upload.refused.too-many-parts",
                            List.of(limits.maxParts()),
                            "The upload has more than " + limits.maxParts() + " parts. Nothing was kept.");
                }
            });
        }

        @Override
        public void onPartHeader(String name, String value) {
            super.onPartHeader(name, value);
            if (HttpHeader.CONTENT_TYPE.is(name)) {
                contentType = value;
            } else if (HttpHeader.CONTENT_DISPOSITION.is(name)) {
                extendedFileName = extendedFileName(value);
            }
        }

        /**
         * The name in {@code filename*} (RFC 7578 section 4.2 allows it; RFC 5987 encoding, as
         * some HTTP libraries send names outside ASCII), which Jetty's parser does not read: it
         * comes before a plain {@code filename}, which is then only an ASCII fallback. Null when
         * there is none or it cannot be decoded.
         */
        private static @Nullable String extendedFileName(String disposition) {
            if (!disposition.toLowerCase(Locale.ROOT).contains("filename*")) {
                return null;
            }
            try {
                String name = ContentDisposition.parse(disposition).getFilename();
                return name == null || name.isBlank() ? null : name;
            } catch (IllegalArgumentException undecodable) {
                return null;
            }
        }

        @Override
        public void onPartHeaders() {
            run(() -> {
                String field = getName();
                String fileName = extendedFileName != null ? extendedFileName : getFileName();
                if (fileName == null && MESSAGE.equals(field)) {
                    beginMessage();
                } else if (fileName != null && FILES.equals(field) && !fileName.isBlank()) {
                    beginFile(fileName);
                } else {
                    // A part LeakDesk does not use (an empty file input, an unknown field): read, bounded, and dropped.
                    skipLeft = limits.maxFieldSize().toBytes();
                }
            });
        }

        private void beginFile(String fileName) throws IOException {
            if (++files > limits.maxFiles()) {
                throw new UploadRejectedException(
                        Reason.TOO_MANY_FILES,
                        "upload.refused.too-many-files",
                        List.of(limits.maxFiles()),
                        "A submission can hold at most " + limits.maxFiles()
                                + " files. Nothing was kept; send the rest in a second submission.");
            }
            file = draft.openFile(baseName(fileName), contentType);
        }

        private void beginMessage() {
            if (messageSeen) {
                throw new UploadRejectedException(
                        Reason.MALFORMED,
                        "upload.refused.two-messages",
                        List.of(),
                        "The upload holds two messages. Nothing was kept.");
            }
            messageSeen = true;
            message = new ByteArrayOutputStream();
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            run(() -> {
                ByteBuffer content = chunk.getByteBuffer();
                if (file != null) {
                    file.write(content);
                } else if (message != null) {
                    messageContent(content);
                } else if (skipLeft >= 0) {
                    skipLeft -= content.remaining();
                    if (skipLeft < 0) {
                        throw new UploadRejectedException(
                                Reason.PART_TOO_LARGE,
                                "upload.refused.part-too-large",
                                List.of(UploadLimits.readable(limits.maxFieldSize())),
                                "A part of the upload that is neither a file nor the message is larger than "
                                        + UploadLimits.readable(limits.maxFieldSize()) + ". Nothing was kept.");
                    }
                }
            });
        }

        /**
         * Keeps no more bytes than can tell whether the message holds more than the limit's
         * characters: a UTF-16 character takes at most 3 bytes of UTF-8 (a surrogate pair 4 for
         * two), so one byte past 4 per character is too long whatever they say.
         */
        private void messageContent(ByteBuffer content) throws IOException {
            ByteArrayOutputStream kept = message;
            long room = 4L * limits.maxMessageLength() + 1 - kept.size();
            int take = (int) Math.min(room, content.remaining());
            if (take > 0) {
                byte[] piece = new byte[take];
                content.get(piece);
                kept.writeBytes(piece);
            }
            if (kept.size() > 4L * limits.maxMessageLength() && files == 0) {
                messageRead.accept(messageText(kept).text());
                throw messageTooLong();
            }
        }

        @Override
        public void onPartEnd() {
            super.onPartEnd();
            run(() -> {
                if (file != null) {
                    SubmissionDraft.FileUpload done = file;
                    file = null;
                    try (done) {
                        done.finish();
                    }
                } else if (message != null) {
                    endMessage();
                }
                skipLeft = -1;
            });
        }

        private void endMessage() throws IOException {
            ByteArrayOutputStream kept = message;
            message = null;
            MessageText text = messageText(kept);
            messageRead.accept(text.text());
            if (!text.tooLong()) {
                draft.setMessage(text.text());
            } else if (files == 0) {
                // Nothing stored yet: refusing costs the source nothing, and they can shorten it.
                throw messageTooLong();
            } else {
                // The files are stored: keep them and the message's start rather than lose the upload.
                draft.setCutMessage(text.text());
            }
        }

        private MessageText messageText(ByteArrayOutputStream kept) throws IOException {
            return MessageText.read(new ByteArrayInputStream(kept.toByteArray()), limits.maxMessageLength());
        }

        private UploadRejectedException messageTooLong() {
            return new UploadRejectedException(
                    Reason.MESSAGE_TOO_LONG,
                    "upload.refused.message-too-long",
                    List.of(limits.maxMessageLength()),
                    "The message is longer than " + limits.maxMessageLength()
                            + " characters. Nothing was kept; shorten it and send again.");
        }

        @Override
        public void onPart(String name, @Nullable String fileName, HttpFields headers) {
            // Each part is handled as it streams; nothing is left to do once it ends.
        }

        @Override
        public void onComplete() {
            complete = failure == null && parserFailure == null;
        }

        @Override
        public void onFailure(Throwable cause) {
            if (parserFailure == null) {
                parserFailure = cause;
            }
        }

        /** Raises what went wrong in a step (a limit, the store), else the parser's verdict on the body. */
        void rethrow() throws IOException {
            Exception own = failure;
            if (own instanceof IOException io) {
                throw io;
            }
            if (own instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (parserFailure != null) {
                // Not multipart as a browser sends it: a broken boundary, oversized part headers.
                throw new UploadRejectedException(
                        Reason.MALFORMED,
                        "upload.refused.unreadable",
                        List.of(),
                        "The upload could not be read. Nothing was kept; please try again.",
                        parserFailure);
            }
        }

        private void run(Step step) {
            if (failure != null || parserFailure != null) {
                return;
            }
            try {
                step.run();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }

        private interface Step {
            void run() throws IOException;
        }
    }

    /** Browsers on Windows may send a full path; keep only the file's own name. */
    static String baseName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        return base.isEmpty() ? "unnamed" : base;
    }
}
