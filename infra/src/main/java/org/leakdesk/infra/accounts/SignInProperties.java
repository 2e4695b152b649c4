package org.leakdesk.infra.accounts;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of staff sign-in.
 *
 * @param freeFailures failed attempts in a row before each further attempt must wait
 * @param firstDelay the wait after the first failure beyond the free ones; it doubles with each
 *     further failure
 * @param maxDelay the longest wait between two attempts
 * @param lockAfter failed attempts in a row after which the account is locked until an admin
 *     unlocks it
 * @param hashingPermits password hashes checked at once (each Argon2id check takes 19 MiB)
 * @param hashingWait how long an attempt waits for a permit before it is answered "busy"
 * @param secretKeyFile the AES key that encrypts authenticator secrets in the database; created
 *     on first start, kept out of the database and its backups
 */
@ConfigurationProperties("leakdesk.sign-in")
record SignInProperties(
        @DefaultValue("3") int freeFailures,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("10") int lockAfter,
        @DefaultValue("2") int hashingPermits,
        @DefaultValue("2s") Duration hashingWait,
        Path secretKeyFile) {

    SignInProperties {
        if (freeFailures < 0 || lockAfter <= freeFailures || hashingPermits < 1) {
            throw new IllegalArgumentException(
                    "leakdesk.sign-in: need 0 <= free-failures < lock-after and hashing-permits >= 1");
        }
    }
}
