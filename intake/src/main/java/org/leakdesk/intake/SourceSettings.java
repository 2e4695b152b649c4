package org.leakdesk.intake;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the source face treats a returning source ({@code leakdesk.source.*}).
 *
 * @param timeGranularity times that concern a source (arrival, follow-ups, replies read or
 *     deleted) are stored and shown only to this precision, rounded down
 * @param sessionIdleTimeout a signed-in source is signed out after this long without a request
 * @param sessionMaxAge and after this long in any case
 * @param maxSessions signed-in sources held at once (in this process's memory); beyond it the
 *     session closest to its end is closed
 */
@ConfigurationProperties("leakdesk.source")
public record SourceSettings(
        Duration timeGranularity, Duration sessionIdleTimeout, Duration sessionMaxAge, int maxSessions) {

    @ConstructorBinding
    public SourceSettings(
            @DefaultValue("1h") Duration timeGranularity,
            @DefaultValue("15m") Duration sessionIdleTimeout,
            @DefaultValue("1h") Duration sessionMaxAge,
            @DefaultValue("10000") int maxSessions) {
        if (timeGranularity.getSeconds() < 1 || timeGranularity.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "leakdesk.source.time-granularity must be between one second and one day");
        }
        if (sessionIdleTimeout.isNegative()
                || sessionIdleTimeout.isZero()
                || sessionMaxAge.compareTo(sessionIdleTimeout) < 0) {
            throw new IllegalArgumentException(
                    "leakdesk.source.session-idle-timeout must be positive and no longer than"
                            + " leakdesk.source.session-max-age");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("leakdesk.source.max-sessions must be at least 1");
        }
        this.timeGranularity = timeGranularity;
        this.sessionIdleTimeout = sessionIdleTimeout;
        this.sessionMaxAge = sessionMaxAge;
        this.maxSessions = maxSessions;
    }

    /**
     * {@code at} rounded down to the granularity, counted from the epoch (so with an hour, to the
     * hour in UTC): what is stored and shown of a time that concerns a source.
     */
    public Instant coarsen(Instant at) {
        long step = timeGranularity.getSeconds();
        long seconds = at.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, step));
    }
}
