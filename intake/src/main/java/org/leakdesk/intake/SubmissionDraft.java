package org.leakdesk.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
    default void addFile(String fileName, @Nullable String declaredType, InputStream content) throws IOException {
        try (FileUpload file = openFile(fileName, declaredType)) {
            byte[] buffer = new byte[1 << 16];
            try {
                for (int n = content.read(buffer); n != -1; n = content.read(buffer)) {
                    file.write(ByteBuffer.wrap(buffer, 0, n));
                }
            } finally {
                Arrays.fill(buffer, (byte) 0);
            }
            file.finish();
        }
    }

    /**
     * Opens one file for content that arrives in pieces (from a parser that pushes what it reads):
     * each piece is encrypted as it is written. The file counts once {@link FileUpload#finish()}
     * has stored it; closing it unfinished discards it.
     *
     * @param fileName the name the source's browser gave it; stored encrypted
     * @param declaredType the content type the browser declared, or null
     * @throws UploadRejectedException if the submission already holds the most files allowed
     */
    FileUpload openFile(String fileName, @Nullable String declaredType) throws IOException;

    /** One file of a draft, written as it arrives. Not thread-safe: one writer. */
    interface FileUpload extends AutoCloseable {

        /**
         * Hashes and encrypts the bytes between {@code plaintext}'s position and limit, and
         * consumes them; the caller may reuse its buffer when this returns.
         *
         * @throws UploadRejectedException if the file or the submission grows past its limit
         */
        void write(ByteBuffer plaintext) throws IOException;

        /** Stores the file (its blob synced) and adds it to the draft. */
        void finish() throws IOException;

        /** Discards the file's blob unless it was finished. */
        @Override
        void close() throws IOException;
    }

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
