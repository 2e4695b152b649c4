package org.leakdesk.intake.source;

import java.time.Duration;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The source face is taking no more of this kind of work for now; nothing of the request was
 * read or kept. Answered with 429 and a {@code Retry-After} header: {@link SourceErrors} shows a
 * page that says when to try again, {@link SubmissionApiController} answers JSON.
 */
public class SourceRateLimitedException extends RuntimeException implements MessageSourceResolvable {

    private final String code;
    private final Duration retryAfter;

    /**
     * @param code the key of the words in the source bundle ({@code source.busy.*})
     * @param message the same words in English
     */
    SourceRateLimitedException(String code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public String getDefaultMessage() {
        return getMessage();
    }

    /** The wait as the source bundle says it ({@code source.wait.seconds} or {@code source.wait.minutes}). */
    public MessageSourceResolvable retryAfterWords() {
        long seconds = retryAfterSeconds();
        return seconds < 60
                ? new DefaultMessageSourceResolvable(
                        new String[] {"source.wait.seconds"}, new Object[] {seconds}, retryAfterText())
                : new DefaultMessageSourceResolvable(
                        new String[] {"source.wait.minutes"}, new Object[] {(seconds + 59) / 60}, retryAfterText());
    }

    /** How long to wait before the next attempt may succeed; at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up, for the {@code Retry-After} header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The wait in plain words: "1 minute", "3 minutes", "40 seconds". */
    public String retryAfterText() {
        long seconds = retryAfterSeconds();
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
