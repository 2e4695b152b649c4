package org.leakdesk.intake;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One document of a submission, decrypted for display.
 *
 * @param fileId the document's id
 * @param position its place in the upload, from 1
 * @param fileName the name the source's browser gave it
 * @param declaredType the content type the browser declared, or null
 * @param size plaintext size in bytes
 * @param sha256 SHA-256 of the plaintext, lower-case hex, or null while extraction has not read
 *     the document back yet (or could not: its stored copy failed authentication)
 * @param metadata what extraction found, or null while extraction has not run yet
 * @param text the text extracted from it and its embedded documents, or null if there is none
 * @param scrubbedCopy its copy without metadata, or null if none was made
 */
public record SubmittedDocument(
        UUID fileId,
        int position,
        String fileName,
        @Nullable String declaredType,
        long size,
        @Nullable String sha256,
        @Nullable ExtractedMetadata metadata,
        @Nullable String text,
        @Nullable ScrubbedCopy scrubbedCopy) {}
