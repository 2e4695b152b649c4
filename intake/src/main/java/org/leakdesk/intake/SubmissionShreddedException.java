package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/** The submission's objects were destroyed under the retention policy: nothing is left to read. */
public class SubmissionShreddedException extends RuntimeException {

    private final Instant shreddedAt;

    public SubmissionShreddedException(UUID submissionId, Instant shreddedAt) {
        super("The documents of case " + submissionId + " were destroyed on " + shreddedAt
                + " under the retention policy.");
        this.shreddedAt = shreddedAt;
    }

    /** When they were destroyed. */
    public Instant shreddedAt() {
        return shreddedAt;
    }
}
