package org.leakdesk.intake.internal;

import java.util.UUID;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.SignedInSource;

/** A signed-in source's case and reply key pair, held in memory only. */
final class SourceKey implements SignedInSource {

    private final UUID caseId;
    private volatile @Nullable AsymmetricCipherKeyPair pair;

    SourceKey(UUID caseId, AsymmetricCipherKeyPair pair) {
        this.caseId = caseId;
        this.pair = pair;
    }

    @Override
    public UUID caseId() {
        return caseId;
    }

    @Override
    public void forget() {
        pair = null;
    }

    AsymmetricCipherKeyPair pair() {
        AsymmetricCipherKeyPair current = pair;
        if (current == null) {
            throw new IllegalStateException("The source has signed out");
        }
        return current;
    }

    @Override
    public String toString() {
        return "SourceKey[(hidden)]";
    }
}
