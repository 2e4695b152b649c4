package org.leakdesk.infra.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * When the next sign-in attempt of an account may be checked: free for the first few failures,
 * then after a delay that doubles with each failure, and not at all once locked. Accounts keep
 * their count in the database (every process sees it, an admin lifts the lock); usernames
 * without an account get the same treatment from a bounded map in memory, keyed by a keyed hash
 * (the typed name may be someone's password), so that the answers never tell them apart.
 */
final class SignInThrottle {

    /** Consecutive failures of one account or typed username. */
    record Attempts(int failures, @Nullable Instant lastFailure, boolean locked) {
        static final Attempts NONE = new Attempts(0, null, false);
    }

    private static final int REMEMBERED_UNKNOWN = 10_000;

    private final SignInProperties settings;
    private final SecretKeySpec nameKey;
    private final Map<String, Attempts> unknown = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > REMEMBERED_UNKNOWN;
        }
    };

    SignInThrottle(SignInProperties settings, SecureRandom random) {
        this.settings = settings;
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.nameKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Whether an attempt after {@code attempts} may be checked at {@code now}. */
    boolean allows(Attempts attempts, Instant now) {
        if (attempts.locked()) {
            return false;
        }
        if (attempts.failures() < settings.freeFailures() || attempts.lastFailure() == null) {
            return true;
        }
        return !now.isBefore(attempts.lastFailure().plus(delayAfter(attempts.failures())));
    }

    /** The wait after {@code failures} failures in a row (zero for the free ones). */
    Duration delayAfter(int failures) {
        int beyond = failures - settings.freeFailures();
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(beyond, 30));
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /** Whether {@code failures} failures in a row lock an account. */
    boolean locks(int failures) {
        return failures >= settings.lockAfter();
    }

    synchronized Attempts unknown(String username) {
        return unknown.getOrDefault(key(username), Attempts.NONE);
    }

    /** Counts a failure of a username without an account; returns whether it is now "locked". */
    synchronized boolean failUnknown(String username, Instant now) {
        Attempts before = unknown.getOrDefault(key(username), Attempts.NONE);
        int failures = before.failures() + 1;
        unknown.put(key(username), new Attempts(failures, now, locks(failures)));
        return locks(failures);
    }

    private String key(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nameKey);
            return HexFormat.of().formatHex(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
