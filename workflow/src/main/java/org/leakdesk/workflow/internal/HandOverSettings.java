package org.leakdesk.workflow.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How workers take what intake stored ({@code leakdesk.workflow.hand-over.*}).
 *
 * @param pollInterval how often a worker looks for submissions and follow-ups that any process
 *     stored (a process that runs the review also looks right after it stored one itself)
 * @param retryAfter how long a submission whose process failed to start waits before it is tried again
 * @param followUpLease how long a worker may take to extract a follow-up's documents before
 *     another worker takes the follow-up over
 */
@ConfigurationProperties("leakdesk.workflow.hand-over")
record HandOverSettings(Duration pollInterval, Duration retryAfter, Duration followUpLease) {

    HandOverSettings {
        requirePositive(pollInterval, "poll-interval");
        requirePositive(retryAfter, "retry-after");
        requirePositive(followUpLease, "follow-up-lease");
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("leakdesk.workflow.hand-over." + name + " must be a positive duration");
        }
    }
}
