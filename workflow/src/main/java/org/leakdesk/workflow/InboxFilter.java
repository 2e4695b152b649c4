package org.leakdesk.workflow;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which of a member's open tasks an inbox page shows and in which order. The filters are applied
 * in the database, so they cost the same on ten cases as on ten thousand.
 *
 * @param tab which tab
 * @param stage only tasks of this kind, or null for every kind
 * @param withFindings only cases where extraction flagged something in at least one document
 * @param dueBefore only cases with an unanswered verification request due before this, or null
 * @param sort the order
 */
public record InboxFilter(
        InboxTab tab,
        @Nullable TaskKind stage,
        boolean withFindings,
        @Nullable Instant dueBefore,
        InboxSort sort) {

    public InboxFilter {
        Objects.requireNonNull(tab, "tab");
        Objects.requireNonNull(sort, "sort");
    }

    /** Everything, oldest first. */
    public static InboxFilter everything() {
        return new InboxFilter(InboxTab.ALL, null, false, null, InboxSort.OLDEST);
    }

    /** The same filter on another tab (for the counts per tab). */
    public InboxFilter on(InboxTab other) {
        return new InboxFilter(other, stage, withFindings, dueBefore, sort);
    }
}
