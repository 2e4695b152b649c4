package org.leakdesk.review;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticator apps of test staff: the secret each account enrolled (by staff port and
 * username), codes computed from it as an app would (RFC 6238), and the recovery codes it was
 * shown. The server takes each 30-second step once per account, so a second sign-in within the
 * same step uses the next step (one step of skew is allowed) or waits for it.
 */
final class TestAuthenticator {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Map<String, App> APPS = new ConcurrentHashMap<>();

    private static final class App {
        final byte[] secret;
        final List<String> recoveryCodes;
        long lastStep = Long.MIN_VALUE;

        App(byte[] secret, List<String> recoveryCodes) {
            this.secret = secret;
            this.recoveryCodes = recoveryCodes;
        }
    }

    private TestAuthenticator() {}

    static void enrolled(int port, String username, String base32Secret, List<String> recoveryCodes) {
        APPS.put(port + "/" + username, new App(fromBase32(base32Secret), List.copyOf(recoveryCodes)));
    }

    static boolean knows(int port, String username) {
        return APPS.containsKey(port + "/" + username);
    }

    static List<String> recoveryCodes(int port, String username) {
        return app(port, username).recoveryCodes;
    }

    /** A code of a step this account has not used yet: the current one, the next, or after a wait. */
    static String nextCode(int port, String username) throws InterruptedException {
        App app = app(port, username);
        synchronized (app) {
            long current = stepAt(Instant.now());
            long step = Math.max(current, app.lastStep + 1);
            while (step > stepAt(Instant.now()) + 1) {
                Thread.sleep(500);
            }
            app.lastStep = step;
            return code(app.secret, step);
        }
    }

    /** The code of the current step, whether used or not (to test that it works only once). */
    static String currentCode(String base32Secret) {
        return code(fromBase32(base32Secret), stepAt(Instant.now()));
    }

    static String code(byte[] secret, long step) {
        try {
            return new TimeBasedOneTimePasswordGenerator(STEP, 6)
                    .generateOneTimePasswordString(
                            new SecretKeySpec(secret, "HmacSHA1"),
                            Instant.ofEpochSecond(step * STEP.toSeconds()),
                            Locale.ROOT);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
    }

    static byte[] fromBase32(String text) {
        String clean = text.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        byte[] out = new byte[clean.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : clean.toCharArray()) {
            int value = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static App app(int port, String username) {
        App app = APPS.get(port + "/" + username);
        if (app == null) {
            throw new IllegalStateException(username + " has not enrolled an authenticator in this test run");
        }
        return app;
    }
}
