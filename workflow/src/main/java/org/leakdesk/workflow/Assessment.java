package org.leakdesk.workflow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A reviewer's assessment of a round of verification.
 *
 * @param recommendation what they recommend
 * @param summary why, in a few lines; stored encrypted
 * @param tally the tally when it was written
 * @param assessedBy who wrote it (null while being written)
 * @param assessedAt when (null while being written)
 */
public record Assessment(
        Recommendation recommendation,
        String summary,
        @Nullable VerificationTally tally,
        @Nullable String assessedBy,
        @Nullable Instant assessedAt) {

    public Assessment {
        summary = Texts.required(summary, "a summary of the verification", Texts.LONG);
    }

    /** An assessment as a reviewer submits it. */
    public static Assessment of(Recommendation recommendation, String summary) {
        return new Assessment(recommendation, summary, null, null, null);
    }
}
