package org.leakdesk.intake.source;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.leakdesk.intake.UploadLimits;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;

/**
 * The request body, counted: more than {@link UploadLimits#maxUploadSize()} bytes in all is
 * refused the moment the byte past the limit arrives, whatever the parts are. A failure to read
 * from the client (it went away) is told apart from a failure to store.
 */
final class RequestBody extends FilterInputStream {

    /** Read after a refusal so a browser sees the explanation; beyond this the connection is dropped. */
    private static final long DRAIN_LIMIT = 64L << 20;

    /** The client stopped sending: a reset connection, a body shorter than it said. */
    static final class Interrupted extends IOException {
        Interrupted(IOException cause) {
            super("The client stopped sending the request body", cause);
        }
    }

    private final UploadLimits limits;
    private long count;

    RequestBody(InputStream in, UploadLimits limits) {
        super(in);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = receive(() -> super.read());
        if (b != -1) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = receive(() -> super.read(buffer, off, len));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Through read, so skipped bytes count too.
        int len = (int) Math.min(Math.max(n, 0), 8192);
        return Math.max(read(new byte[len], 0, len), 0);
    }

    @Override
    public void close() {
        // The container owns the request stream.
    }

    /** Reads and drops what the client still sends, within the limits; never throws. */
    void drainQuietly() {
        long stopAt = count + DRAIN_LIMIT;
        byte[] buffer = new byte[1 << 16];
        try {
            while (count < stopAt && read(buffer, 0, buffer.length) != -1) {
                // discard
            }
        } catch (IOException | UploadRejectedException e) {
            // Over the limit or gone: the container closes the connection.
        }
    }

    /**
     * Reads and drops the body of a request refused before its body was read (a rate limit, a bad
     * proof of work), so that a browser that sends the whole body before it reads the answer (a
     * form posted with JavaScript off) gets the page that explains rather than a reset connection.
     * A body declared larger than {@value #DRAIN_LIMIT} bytes is not read: the container closes
     * the connection, as it must for a flood. Never throws.
     */
    static void discardUnread(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        if (declared > DRAIN_LIMIT) {
            return;
        }
        byte[] buffer = new byte[1 << 16];
        long read = 0;
        try {
            InputStream in = request.getInputStream();
            for (int n; read < DRAIN_LIMIT && (n = in.read(buffer)) != -1; ) {
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            // Gone or unreadable: the container closes the connection.
        }
    }

    static UploadRejectedException tooLarge(UploadLimits limits) {
        return new UploadRejectedException(
                Reason.UPLOAD_TOO_LARGE,
                "upload.refused.upload-too-large",
                List.of(limits.uploadSizeText()),
                "The upload is larger than " + limits.uploadSizeText()
                        + ", the limit for one submission. Nothing was kept; send the files in several submissions.");
    }

    /** What to tell the source about a request that could not be read to its end. */
    static UploadRejectedException refusal(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UploadRejectedException rejected) {
                return rejected;
            }
            if (cause instanceof Interrupted) {
                return new UploadRejectedException(
                        Reason.INTERRUPTED,
                        "upload.refused.interrupted",
                        List.of(),
                        "The upload was interrupted. Nothing was kept; please try again.",
                        e);
            }
        }
        return new UploadRejectedException(
                Reason.MALFORMED,
                "upload.refused.unreadable",
                List.of(),
                "The upload could not be read. Nothing was kept; please try again.",
                e);
    }

    private void counted(int n) {
        count += n;
        if (count > limits.maxUploadSize().toBytes()) {
            throw tooLarge(limits);
        }
    }

    private interface Read {
        int read() throws IOException;
    }

    private static int receive(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            throw new Interrupted(e);
        }
    }
}
