package org.leakdesk.intake;

/**
 * An upload was refused; nothing of it was kept. The message is written for the source and
 * names no content.
 */
public class UploadRejectedException extends RuntimeException {

    /** Why an upload was refused. */
    public enum Reason {
        NO_FILES,
        TOO_MANY_FILES,
        FILE_TOO_LARGE,
        UPLOAD_TOO_LARGE,
        MESSAGE_TOO_LONG,
        MALFORMED
    }

    private final Reason reason;

    public UploadRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UploadRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when the request was too large rather than malformed (HTTP 413 rather than 400). */
    public boolean tooLarge() {
        return reason == Reason.FILE_TOO_LARGE || reason == Reason.UPLOAD_TOO_LARGE;
    }
}
