package org.leakdesk.infra;

import java.util.Objects;
import java.util.UUID;

/** Names a stored blob. Carries no meaning beyond identity. */
public record BlobId(UUID value) {

    public BlobId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
