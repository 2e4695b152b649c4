package org.leakdesk.intake.source;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Flood protection of the source face without IP addresses (sources come through Tor, so an
 * address says nothing): token buckets (Bucket4j) for new submissions from everyone together and
 * for the follow-ups of each returning source.
 *
 * <p>Call it before any expensive work (the codename's Argon2id hash, streaming the body to a
 * blob, starting a process): a refusal costs nothing but the check.
 *
 * <p>For a returning source's follow-up (a message or more files), call
 * {@link #admitFollowUp(String)} with a key derived from the codename (the source's stored id or
 * a hash), never the codename itself; it throws {@link SourceRateLimitedException}, which the
 * source face answers with 429 and a page that says when to try again.
 *
 * <p>The buckets live where {@code leakdesk.source.rate.store} says ({@link RateBuckets}): in
 * PostgreSQL, shared by every source process, or in this process's memory.
 */
@Component
public class SourceRateLimiter {

    private final RateBuckets buckets;
    private final Bucket submissions;
    private final Bucket unproven;
    private final BucketConfiguration followUpLimit;
    /** Part of every follow-up bucket's name, so that a changed limit starts fresh buckets. */
    private final String followUpPrefix;

    SourceRateLimiter(SourceRateSettings settings, RateBuckets buckets) {
        this.buckets = buckets;
        int perMinute = settings.submissionsPerMinute();
        this.submissions = buckets.bucket("submissions/" + perMinute, perMinute(perMinute));
        this.unproven = buckets.bucket("unproven/" + perMinute / 2, perMinute(perMinute / 2));
        this.followUpLimit = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.followUpsPerHour())
                        .refillGreedy(settings.followUpsPerHour(), Duration.ofHours(1))
                        .build())
                .build();
        this.followUpPrefix = "follow-ups/" + settings.followUpsPerHour() + "/";
    }

    /** Drops the buckets of sources idle long enough to have their whole rate back. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void forgetIdleSources() {
        buckets.forgetIdle();
    }

    /**
     * Takes one new submission out of the global rate. A submission without a proof of work may
     * only use half of the rate, so a flood that does not do the work leaves the other half to
     * sources whose browsers do.
     *
     * @param proven whether the request carried a valid proof of work
     * @throws SourceRateLimitedException when the rate is used up for now
     */
    void admitSubmission(boolean proven) {
        if (!proven) {
            refuseUnlessConsumed(unproven, "source.busy.submissions", "submissions");
        }
        ConsumptionProbe probe = submissions.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            if (!proven) {
                unproven.addTokens(1);
            }
            throw refusal("source.busy.submissions", "submissions", probe);
        }
    }

    /**
     * Takes one follow-up (a message or an upload) out of the rate of one returning source.
     *
     * @param sourceKey a value derived from the source's codename that is the same on every visit
     *     (e.g. its stored id); must not be null and must not be the codename itself. Only a
     *     SHA-256 of it is kept.
     * @throws SourceRateLimitedException when this source has used up its rate for now
     */
    public void admitFollowUp(String sourceKey) {
        Bucket bucket = buckets.bucket(followUpPrefix + digest(sourceKey), followUpLimit);
        refuseUnlessConsumed(bucket, "source.busy.follow-ups", "messages and uploads from you");
    }

    /** {@code code} names the words in the source bundle ({@code source.busy.*}); {@code what} says them in English. */
    private static void refuseUnlessConsumed(Bucket bucket, String code, String what) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refusal(code, what, probe);
        }
    }

    private static SourceRateLimitedException refusal(String code, String what, ConsumptionProbe probe) {
        return new SourceRateLimitedException(
                code,
                "Too many " + what + " are arriving right now. Nothing was kept.",
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static BucketConfiguration perMinute(int tokens) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(tokens).refillGreedy(tokens, Duration.ofMinutes(1)))
                .build();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
