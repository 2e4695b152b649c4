package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-source rate of follow-ups, as the returning source's pages call it. */
class SourceRateLimiterTest {

    @Test
    void eachSourceHasItsOwnRateOfFollowUps() {
        SourceRateLimiter limiter = new SourceRateLimiter(
                new SourceRateSettings(30, 3, SourceRateSettings.Store.MEMORY), new RateBuckets.InMemory());
        for (int i = 0; i < 3; i++) {
            limiter.admitFollowUp("source-a");
        }

        assertThatThrownBy(() -> limiter.admitFollowUp("source-a"))
                .isInstanceOfSatisfying(SourceRateLimitedException.class, e -> {
                    // Three an hour: the next one in about twenty minutes.
                    org.assertj.core.api.Assertions.assertThat(e.retryAfter())
                            .isBetween(Duration.ofMinutes(19), Duration.ofMinutes(20));
                    org.assertj.core.api.Assertions.assertThat(e.retryAfterText())
                            .isIn("19 minutes", "20 minutes");
                });
        assertThatCode(() -> limiter.admitFollowUp("source-b")).doesNotThrowAnyException();
    }

    @Test
    void unprovenSubmissionsUseHalfTheRateAndGiveBackWhatTheyCouldNotUse() {
        SourceRateLimiter limiter = new SourceRateLimiter(
                new SourceRateSettings(4, 30, SourceRateSettings.Store.MEMORY), new RateBuckets.InMemory());
        limiter.admitSubmission(false);
        limiter.admitSubmission(false);

        assertThatThrownBy(() -> limiter.admitSubmission(false)).isInstanceOf(SourceRateLimitedException.class);
        limiter.admitSubmission(true);
        limiter.admitSubmission(true);
        assertThatThrownBy(() -> limiter.admitSubmission(true)).isInstanceOf(SourceRateLimitedException.class);
    }
}
