package org.leakdesk.intake.internal;

import java.time.Instant;
import java.util.UUID;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.ScrubbedCopy;

/** A scrubbed copy's details; stored encrypted as JSON. */
record ScrubbedManifest(String mediaType, long size, String sha256) {

    ScrubbedCopy describe(UUID fileId, Instant createdAt, String createdBy) {
        return new ScrubbedCopy(fileId, mediaType, size, sha256, createdAt, createdBy);
    }

    /** Decrypts a stored copy's manifest and describes the copy. */
    static ScrubbedCopy read(DecryptionSession session, SubmissionStore.ScrubbedRow row, Json json)
            throws TamperedCiphertextException {
        ScrubbedManifest manifest = json.read(
                session.open(row.manifest(), FileRefs.scrubbedManifest(row.submissionId(), row.fileId())),
                ScrubbedManifest.class);
        return manifest.describe(row.fileId(), row.createdAt(), row.createdBy());
    }
}
