package org.leakdesk.workflow;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.CaseDocuments;

/**
 * A case opened for one member: what the case page shows.
 *
 * @param status where it stands and what the member can do
 * @param documents the documents and the source's message, decrypted; null once destroyed
 * @param requests every verification request, oldest first
 * @param tally how the sent requests stand
 * @param assessments the assessments, oldest first
 * @param decisions the editorial decisions taken, oldest first
 * @param provenanceReport the publication package's report, or null
 */
public record CaseFile(
        CaseStatus status,
        @Nullable CaseDocuments documents,
        List<VerificationRequest> requests,
        VerificationTally tally,
        List<Assessment> assessments,
        List<DecisionRecord> decisions,
        @Nullable String provenanceReport) {}
