package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored copy of a document without its metadata.
 *
 * @param fileId the original document's id
 * @param mediaType the type it was written as
 * @param size plaintext size in bytes
 * @param sha256 SHA-256 of the copy's plaintext, lower-case hex
 * @param createdAt when it was made
 * @param createdBy who asked for it
 */
public record ScrubbedCopy(
        UUID fileId, String mediaType, long size, String sha256, Instant createdAt, String createdBy) {}
