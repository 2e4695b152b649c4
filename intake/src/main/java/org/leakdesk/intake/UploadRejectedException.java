package org.leakdesk.intake;

import java.util.List;
import org.springframework.context.MessageSourceResolvable;

/**
 * An upload was refused; nothing of it was kept. Its words for the source are in the source
 * bundle under {@link #code()} (with {@link #getArguments()}); {@link #getMessage()} is the same in
 * English, for logs and callers without the bundle. Names no content.
 */
public class UploadRejectedException extends RuntimeException implements MessageSourceResolvable {

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
    private final String code;
    private final List<Object> arguments;

    /**
     * @param code the key of the source's words in the source bundle, {@code upload.refused.*}
     * @param arguments the values the words name (limits), in order
     * @param message the same words in English
     */
    public UploadRejectedException(Reason reason, String code, List<Object> arguments, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
        this.arguments = List.copyOf(arguments);
    }

    public UploadRejectedException(
            Reason reason, String code, List<Object> arguments, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.code = code;
        this.arguments = List.copyOf(arguments);
    }

    public Reason reason() {
        return reason;
    }

    /** The key of the source's words in the source bundle; never null. */
    public String code() {
        return code;
    }

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return arguments.toArray();
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
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
