package org.leakdesk.infra;

import java.util.Objects;
import java.util.UUID;

/**
 * Names an encrypted object and the case it belongs to. Both are bound into the object's
 * associated data, so a ciphertext (with its wrapped key) copied to another object or another
 * case fails to decrypt with {@link TamperedCiphertextException}.
 *
 * @param caseId the case (submission) the object belongs to; must not be null
 * @param name what the object is within the case, for example {@code submission-file:<id>}; must
 *     not be null or empty
 */
public record ObjectRef(UUID caseId, String name) {

    public ObjectRef {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("An object needs a name");
        }
    }

    /** {@code case:<case id>/<name>}: what error messages name; never any content. */
    @Override
    public String toString() {
        return "case:" + caseId + "/" + name;
    }
}
