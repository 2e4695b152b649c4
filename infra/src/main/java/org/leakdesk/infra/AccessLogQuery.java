package org.leakdesk.infra;

import org.jspecify.annotations.Nullable;

/**
 * A filter over the access log; null fields match everything. Newest entries come first.
 *
 * @param limit at most this many entries, between 1 and 1000
 */
public record AccessLogQuery(
        @Nullable String actor,
        @Nullable AccessAction action,
        @Nullable String subject,
        int limit) {

    public AccessLogQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        actor = blankToNull(actor);
        subject = blankToNull(subject);
    }

    /** The newest {@code limit} entries. */
    public static AccessLogQuery latest(int limit) {
        return new AccessLogQuery(null, null, null, limit);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
