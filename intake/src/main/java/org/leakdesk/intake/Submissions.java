package org.leakdesk.intake;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads stored submissions for the staff side. */
public interface Submissions {

    /** What is known without decrypting; empty if there is no such submission. */
    Optional<SubmissionOverview> overview(UUID submissionId);

    /** The overviews of those among {@code submissionIds} that exist, in one query (for a page of a list). */
    Map<UUID, SubmissionOverview> overviews(Collection<UUID> submissionIds);

    /**
     * Decrypts a submission's file details, metadata and message for one staff member. The
     * access is written to the access log before anything is decrypted.
     *
     * @param staffMember the username the access is logged under
     * @throws SubmissionNotFoundException if there is no such submission
     */
    CaseDocuments read(UUID submissionId, String staffMember);
}
