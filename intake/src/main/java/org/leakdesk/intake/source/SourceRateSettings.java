package org.leakdesk.intake.source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fast the source face takes new work ({@code leakdesk.source.rate.*}). Sources come through
 * Tor, so nothing here is counted per address: one rate for new submissions from everyone, and
 * one per source (keyed by something derived from its codename) for follow-ups.
 *
 * @param submissionsPerMinute new submissions from everyone together; half of them at most may come
 *     without a proof of work (see {@link FloodGate})
 * @param followUpsPerHour messages or uploads one returning source may add per hour
 * @param store where the counts live: {@code database} (PostgreSQL, shared by every source
 *     process), {@code memory} (this process only) or {@code auto} (the database on PostgreSQL,
 *     else memory)
 */
@ConfigurationProperties("leakdesk.source.rate")
record SourceRateSettings(
        @DefaultValue("30") int submissionsPerMinute,
        @DefaultValue("30") int followUpsPerHour,
        @DefaultValue("auto") Store store) {

    /** Where the flood limits count. */
    enum Store {
        AUTO,
        MEMORY,
        DATABASE
    }

    SourceRateSettings {
        if (submissionsPerMinute < 2) {
            throw new IllegalArgumentException("leakdesk.source.rate.submissions-per-minute must be at least 2");
        }
        if (followUpsPerHour < 1) {
            throw new IllegalArgumentException("leakdesk.source.rate.follow-ups-per-hour must be at least 1");
        }
    }
}
