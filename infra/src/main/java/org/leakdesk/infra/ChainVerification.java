package org.leakdesk.infra;

import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * The result of verifying the access log: its hash chain recomputed from the first entry, and
 * every signed checkpoint checked against the entries it covers.
 *
 * @param entriesChecked how many entries matched before the first problem (all of them when intact)
 * @param checkpointsChecked how many signed checkpoints matched
 * @param firstBadSequence the first entry that does not match (changed, missing, out of place
 *     or rewritten), or null when the log is intact or the problem is not one entry's (a
 *     checkpoint without a valid signature)
 * @param problem what is wrong, in plain words, or null when the log is intact
 */
// Serializable: the audit page hands it to the next page as a flash attribute, in the staff
// session, which lives in the database.
public record ChainVerification(
        long entriesChecked,
        int checkpointsChecked,
        @Nullable Long firstBadSequence,
        @Nullable String problem) implements Serializable {

    /** True when every entry and every checkpoint matched. */
    public boolean intact() {
        return problem == null;
    }
}
