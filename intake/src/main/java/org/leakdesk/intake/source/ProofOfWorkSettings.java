package org.leakdesk.intake.source;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The small puzzle a browser with JavaScript solves before a submission
 * ({@code leakdesk.source.pow.*}).
 *
 * @param difficulty leading zero bits the SHA-256 of challenge and answer must have; each bit
 *     doubles the browser's work (16 bits: 65,536 hashes on average)
 * @param lifetime how long a challenge may be answered after it was issued
 */
@ConfigurationProperties("leakdesk.source.pow")
record ProofOfWorkSettings(
        @DefaultValue("16") int difficulty,
        @DefaultValue("10m") Duration lifetime) {

    ProofOfWorkSettings {
        if (difficulty < 1 || difficulty > 32) {
            throw new IllegalArgumentException("leakdesk.source.pow.difficulty must be between 1 and 32");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("leakdesk.source.pow.lifetime must be positive");
        }
    }
}
