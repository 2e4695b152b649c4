package org.leakdesk.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last six digits. */
    @Test
    void codesAreThoseOfRfc6238() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        Totp totp = new Totp();

        assertThat(totp.codeAt(secret, Totp.stepAt(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(totp.codeAt(secret, Totp.stepAt(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
        assertThat(totp.codeAt(secret, Totp.stepAt(Instant.ofEpochSecond(2000000000))))
                .isEqualTo("279037");
    }

    @Test
    void oneStepOfSkewEitherWayAndNoMore() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        Totp totp = new Totp();
        Instant now = Instant.ofEpochSecond(1111111109);
        long step = Totp.stepAt(now);

        assertThat(totp.matchingStep(secret, totp.codeAt(secret, step), now)).hasValue(step);
        assertThat(totp.matchingStep(secret, totp.codeAt(secret, step - 1), now))
                .hasValue(step - 1);
        assertThat(totp.matchingStep(secret, totp.codeAt(secret, step + 1), now))
                .hasValue(step + 1);
        assertThat(totp.matchingStep(secret, totp.codeAt(secret, step - 2), now))
                .isEmpty();
        assertThat(totp.matchingStep(secret, totp.codeAt(secret, step + 2), now))
                .isEmpty();
        assertThat(totp.matchingStep(secret, "12345", now)).isEmpty();
        assertThat(totp.matchingStep(secret, "abcdef", now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndTheUriCarriesTheSecret() {
        byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

        assertThat(Totp.base32(secret)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(secret);
        assertThat(Totp.enrolment("rita", secret).uri())
                .isEqualTo("otpauth://totp/LeakDesk%3Arita?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=LeakDesk&algorithm=SHA1&digits=6&period=30");
        assertThat(Totp.enrolment("rita", secret).toString()).doesNotContain("GEZD");
    }
}
