package org.leakdesk.intake;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A submission's documents and message, decrypted for one staff member's view.
 *
 * @param overview what is known without decrypting
 * @param documents the documents in upload order
 * @param message the source's message, or null
 */
public record CaseDocuments(
        SubmissionOverview overview,
        List<SubmittedDocument> documents,
        @Nullable String message) {}
