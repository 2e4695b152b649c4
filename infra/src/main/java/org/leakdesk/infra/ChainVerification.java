package org.leakdesk.infra;

import org.jspecify.annotations.Nullable;

/**
 * The result of recomputing the access log's hash chain.
 *
 * @param entriesChecked how many entries were recomputed
 * @param firstBadSequence the first entry that does not match (changed, missing or out of
 *     place), or null when the whole chain holds
 * @param problem what is wrong with that entry, in plain words, or null
 */
public record ChainVerification(
        long entriesChecked,
        @Nullable Long firstBadSequence,
        @Nullable String problem) {

    /** True when every entry matched. */
    public boolean intact() {
        return firstBadSequence == null;
    }
}
