package org.leakdesk.intake.internal;

import java.security.SecureRandom;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Random secrets of this installation (the codename salt, the proof-of-work key), created by the
 * first process that asks and then the same for every process on the database.
 */
public final class InstallationSecrets {

    private final SubmissionStore store;
    private final SecureRandom random;
    private final TransactionTemplate ownTransaction;

    InstallationSecrets(SubmissionStore store, SecureRandom random, PlatformTransactionManager transactions) {
        this.store = store;
        this.random = random;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** The secret called {@code name}; {@code bytes} random bytes if it has to be made. */
    public byte[] secret(String name, int bytes) {
        return ownTransaction.execute(status -> store.secret(name, () -> {
            byte[] secret = new byte[bytes];
            random.nextBytes(secret);
            return secret;
        }));
    }
}
