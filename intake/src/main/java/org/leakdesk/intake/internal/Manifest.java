package org.leakdesk.intake.internal;

import org.jspecify.annotations.Nullable;

/**
 * A document's details as the source sent them; stored encrypted as JSON.
 *
 * @param sha256 its SHA-256 for documents stored while the hash was taken at upload; null since
 *     extraction takes it (see {@link org.leakdesk.intake.ExtractedMetadata#sha256()})
 */
record Manifest(
        String fileName,
        @Nullable String declaredType,
        long size,
        @Nullable String sha256) {}
