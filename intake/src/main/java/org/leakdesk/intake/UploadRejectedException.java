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
        TOO_MANY_PARTS,
        PART_TOO_LARGE,
        MALFORMED,
        INTERRUPTED,
        /** A proof of work was sent but is not valid: wrong, expired, used or not issued here. */
        PROOF_OF_WORK
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

    /**
     * True when the request held more than a limit allows (HTTP 413) rather than being malformed,
     * empty or cut off (HTTP 400).
     */
    public boolean tooLarge() {
        return switch (reason) {
            case TOO_MANY_FILES, FILE_TOO_LARGE, UPLOAD_TOO_LARGE, MESSAGE_TOO_LONG, TOO_MANY_PARTS, PART_TOO_LARGE ->
                true;
            case NO_FILES, MALFORMED, INTERRUPTED, PROOF_OF_WORK -> false;
        };
    }
}
