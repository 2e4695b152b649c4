package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.UploadLimits;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;

/**
 * Reads a {@code multipart/form-data} submission straight from the request body, part by part:
 * each file part is handed to the draft, which encrypts it as it streams, so no part is ever
 * buffered whole or spooled to a temporary file. Fields: {@code files} (one or more) and {@code
 * message} (optional).
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
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxPartHeaderSize(MAX_PART_HEADER);
        // The draft enforces sizes with clear messages; these are the parser's own outer bounds.
        upload.setMaxFileCount(limits.maxFiles() + 2L);
        try (SubmissionDraft draft = intake.begin()) {
            FileItemInputIterator parts = upload.getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    if (MESSAGE.equals(part.getFieldName())) {
                        draft.setMessage(readText(part, limits.maxMessageLength()));
                    }
                } else if (FILES.equals(part.getFieldName())
                        && part.getName() != null
                        && !part.getName().isBlank()) {
                    try (InputStream content = part.getInputStream()) {
                        draft.addFile(baseName(part.getName()), part.getContentType(), content);
                    }
                }
            }
            return draft.commit();
        } catch (FileUploadException e) {
            throw new UploadRejectedException(
                    Reason.MALFORMED,
                    "The upload could not be read (it may have been interrupted). Nothing was kept; please try again.",
                    e);
        }
    }

    private static String readText(FileItemInput part, int maxChars) throws IOException {
        try (InputStream in = part.getInputStream()) {
            // Four bytes per character at most in UTF-8; one more to notice an overlong message.
            byte[] bytes = in.readNBytes(maxChars * 4 + 1);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (bytes.length > maxChars * 4 || text.length() > maxChars) {
                throw new UploadRejectedException(
                        Reason.MESSAGE_TOO_LONG,
                        "The message is longer than " + maxChars + " characters. Nothing was kept.");
            }
            return text;
        }
    }

    /** Browsers on Windows may send a full path; keep only the file's own name. */
    static String baseName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        return base.isEmpty() ? "unnamed" : base;
    }
}
