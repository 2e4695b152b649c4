package org.leakdesk.intake;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A submission being received. Files are encrypted as they stream in and written to the blob
 * store; nothing becomes visible until {@link #commit()}. Closing an uncommitted draft deletes
 * every blob it wrote, so a half-finished upload leaves no row and no file.
 */
public interface SubmissionDraft extends AutoCloseable {

    /**
     * Encrypts and stores one file, reading {@code content} to its end.
     *
     * @param fileName the name the source's browser gave it; stored encrypted
     * @param declaredType the content type the browser declared, or null
     * @throws UploadRejectedException if a limit is exceeded; the draft must then be closed
     */
    void addFile(String fileName, @Nullable String declaredType, InputStream content) throws IOException;

    /**
     * Sets the source's message; stored encrypted.
     *
     * @throws UploadRejectedException if it is too long
     */
    void setMessage(String message);

    /**
     * Sets the start of a message that was longer than the limit and arrived after files were
     * stored: refusing it would throw the upload away, so the first {@link
     * UploadLimits#maxMessageLength()} characters are kept, the submission records that the
     * message was cut, and the receipt says so.
     *
     * @param message the message as far as it was read; cut here to the limit
     */
    void setCutMessage(String message);

    /**
     * Stores the submission and publishes {@link SubmissionReceived}, all in one transaction.
     *
     * @throws UploadRejectedException if no file was added
     */
    Receipt commit();

    /** Discards everything written unless committed. */
    @Override
    void close();
}
