package org.leakdesk.infra;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A filter over the access log; null fields match everything. Newest entries come first, and a
 * page goes on from {@code before} (keyset paging: as fast on the millionth entry as on the first).
 *
 * @param actor who
 * @param action what
 * @param subject which case
 * @param from recorded at or after this time
 * @param to recorded before this time
 * @param before only entries with a smaller sequence number (the last one of the previous page)
 * @param limit at most this many entries, between 1 and 1000
 */
public record AccessLogQuery(
        @Nullable String actor,
        @Nullable AccessAction action,
        @Nullable String subject,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable Long before,
        int limit) {

    public AccessLogQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        actor = blankToNull(actor);
        subject = blankToNull(subject);
    }

    /** A filter by who, what and which case, newest first. */
    public AccessLogQuery(@Nullable String actor, @Nullable AccessAction action, @Nullable String subject, int limit) {
        this(actor, action, subject, null, null, null, limit);
    }

    /** The newest {@code limit} entries. */
    public static AccessLogQuery latest(int limit) {
        return new AccessLogQuery(null, null, null, limit);
    }

    /** The same filter, the page after the entry {@code sequence}. */
    public AccessLogQuery olderThan(long sequence) {
        return new AccessLogQuery(actor, action, subject, from, to, sequence, limit);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
