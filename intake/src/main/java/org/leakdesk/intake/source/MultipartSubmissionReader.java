package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadLimits;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;

/**
 * Reads a {@code multipart/form-data} submission straight from the request body, part by part:
 * each file part is handed to the draft, which encrypts it as it streams, so no part is ever
 * buffered whole or spooled to a temporary file. Fields: {@code message} (optional, best sent
 * first) and {@code files} (one or more).
 *
 * <p>Every limit is counted here, on the stream, because commons-fileupload's streaming iterator
 * enforces none of its own counts: the whole body ({@link RequestBody}), the number of parts of any
 * kind, the number of files, the message's length and the size of any other part, which is read
 * and thrown away.
 */
final class MultipartSubmissionReader {

    static final String FILES = "files";
    static final String MESSAGE = "message";
    private static final int MAX_PART_HEADER = 8 * 1024;

    private final SubmissionIntake intake;

    MultipartSubmissionReader(SubmissionIntake intake) {
        this.intake = intake;
    }

    Receipt read(HttpServletRequest request) throws IOException {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new UploadRejectedException(Reason.MALFORMED, "Send the files as multipart/form-data.");
        }
        UploadLimits limits = intake.limits();
        if (request.getContentLengthLong() > limits.maxUploadSize().toBytes()) {
            throw RequestBody.tooLarge(limits);
        }
        RequestBody body = new RequestBody(request.getInputStream(), limits);
        try {
            return readParts(request, body, limits);
        } catch (UploadRejectedException e) {
            // The draft is closed and its blobs deleted by now; read what the client still sends
            // (within the limits) so that a browser shows the page that explains, not a reset.
            if (e.tooLarge() || e.reason() == Reason.NO_FILES) {
                body.drainQuietly();
            }
            throw e;
        } catch (FileUploadException | RequestBody.Interrupted e) {
            throw RequestBody.refusal(e);
        }
    }

    private Receipt readParts(HttpServletRequest request, RequestBody body, UploadLimits limits) throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            FileItemInputIterator parts = parser().getItemIterator(new CountedRequest(request, body));
            Parts counted = new Parts(draft, limits);
            while (parts.hasNext()) {
                counted.read(parts.next());
            }
            return draft.commit();
        }
    }

    private static JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser() {
        // Only the streaming iterator is used: no DiskFileItem is ever created, nothing is spooled.
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxPartHeaderSize(MAX_PART_HEADER);
        return upload;
    }

    /** The parts of one request, counted as they come. */
    private static final class Parts {

        private final SubmissionDraft draft;
        private final UploadLimits limits;
        private int parts;
        private int files;
        private boolean messageSeen;

        Parts(SubmissionDraft draft, UploadLimits limits) {
            this.draft = draft;
            this.limits = limits;
        }

        void read(FileItemInput part) throws IOException {
            if (++parts > limits.maxParts()) {
                throw new UploadRejectedException(
                        Reason.TOO_MANY_PARTS,
                        "The upload has more than " + limits.maxParts() + " parts. Nothing was kept.");
            }
            if (part.isFormField() && MESSAGE.equals(part.getFieldName())) {
                message(part);
            } else if (!part.isFormField()
                    && FILES.equals(part.getFieldName())
                    && part.getName() != null
                    && !part.getName().isBlank()) {
                file(part);
            } else {
                skip(part);
            }
        }

        private void file(FileItemInput part) throws IOException {
            if (++files > limits.maxFiles()) {
                throw new UploadRejectedException(
                        Reason.TOO_MANY_FILES,
                        "A submission can hold at most " + limits.maxFiles()
                                + " files. Nothing was kept; send the rest in a second submission.");
            }
            try (InputStream content = part.getInputStream()) {
                draft.addFile(baseName(part.getName()), part.getContentType(), content);
            }
        }

        private void message(FileItemInput part) throws IOException {
            if (messageSeen) {
                throw new UploadRejectedException(Reason.MALFORMED, "The upload holds two messages. Nothing was kept.");
            }
            messageSeen = true;
            try (InputStream in = part.getInputStream()) {
                MessageText text = MessageText.read(in, limits.maxMessageLength());
                if (!text.tooLong()) {
                    draft.setMessage(text.text());
                } else if (files == 0) {
                    // Nothing stored yet: refusing costs the source nothing, and they can shorten it.
                    throw new UploadRejectedException(
                            Reason.MESSAGE_TOO_LONG,
                            "The message is longer than " + limits.maxMessageLength()
                                    + " characters. Nothing was kept; shorten it and send again.");
                } else {
                    // The files are stored: keep them and the message's start rather than lose the upload.
                    draft.setCutMessage(text.text());
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        }

        /** A part LeakDesk does not use (an empty file input, an unknown field): read, bounded, and dropped. */
        private void skip(FileItemInput part) throws IOException {
            long left = limits.maxFieldSize().toBytes();
            byte[] buffer = new byte[8192];
            try (InputStream in = part.getInputStream()) {
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    left -= n;
                    if (left < 0) {
                        throw new UploadRejectedException(
                                Reason.PART_TOO_LARGE,
                                "A part of the upload that is neither a file nor the message is larger than "
                                        + UploadLimits.readable(limits.maxFieldSize()) + ". Nothing was kept.");
                    }
                }
            }
        }
    }

    /** Browsers on Windows may send a full path; keep only the file's own name. */
    static String baseName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        return base.isEmpty() ? "unnamed" : base;
    }

    /** The request as commons-fileupload sees it, read through the counting body. */
    private static final class CountedRequest extends JakartaServletRequestContext {

        private final RequestBody body;

        CountedRequest(HttpServletRequest request, RequestBody body) {
            super(request);
            this.body = body;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }
    }
}
