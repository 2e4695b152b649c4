package org.leakdesk.intake.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The blob sweeper ({@code leakdesk.intake.sweeper.*}).
 *
 * @param grace how old an unreferenced blob must be before it is removed; uploads in flight keep
 *     their blobs younger than this, so it must be well above the minute they take to do so
 * @param interval time between sweeps (the first runs at start)
 */
@ConfigurationProperties("leakdesk.intake.sweeper")
record BlobSweepSettings(
        @DefaultValue("1h") Duration grace,
        @DefaultValue("1h") Duration interval) {

    static final Duration SHORTEST_GRACE = Duration.ofMinutes(10);

    BlobSweepSettings {
        if (grace.compareTo(SHORTEST_GRACE) < 0) {
            throw new IllegalArgumentException("leakdesk.intake.sweeper.grace must be at least " + SHORTEST_GRACE
                    + ": uploads in flight renew their blobs only once a minute");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("leakdesk.intake.sweeper.interval must be positive");
        }
    }
}
