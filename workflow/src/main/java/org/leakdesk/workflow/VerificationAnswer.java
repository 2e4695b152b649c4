package org.leakdesk.workflow;

import java.time.Instant;

/**
 * An answer to a verification request.
 *
 * @param verdict what the outside party said
 * @param comment their comment, "" for none
 * @param answeredAt when it was recorded
 * @param recordedBy {@code verifier} when it came through the link, else the reviewer who recorded it
 */
public record VerificationAnswer(Verdict verdict, String comment, Instant answeredAt, String recordedBy) {

    /** The actor name of answers given through a verifier link. */
    public static final String THROUGH_LINK = "verifier";

    /** True if the outside party answered through their link themselves. */
    public boolean throughLink() {
        return THROUGH_LINK.equals(recordedBy);
    }
}
