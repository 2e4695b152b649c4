package org.leakdesk.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case as one staff member may see it: where it stands and what they can do on it. Says
 * nothing that needs decrypting.
 *
 * @param caseId the case (submission) id
 * @param stage where it stands
 * @param openTasks its open tasks (usually one)
 * @param claimable the open task this member may claim now (their role, nobody holds it, the
 *     four-eyes rule allows it), or null
 * @param triagedBy who completed triage, or null before that
 * @param assessedBy everyone who assessed a round of verification
 * @param decidedBy who took the last editorial decision, or null
 * @param holdUntil when a held case comes back to the editors, or null
 * @param destroyAt when a rejected case is destroyed, or null
 * @param currentSteps the steps of the process the case stands at now (its end event once it has
 *     ended), in the diagram's terms; empty when not known
 * @param processDefinitionId the deployed version of the review process the case runs on (see
 *     {@link CaseInbox#processDiagram}), or null when not known
 */
public record CaseStatus(
        UUID caseId,
        CaseStage stage,
        List<InboxTask> openTasks,
        @Nullable InboxTask claimable,
        @Nullable String triagedBy,
        Set<String> assessedBy,
        @Nullable String decidedBy,
        @Nullable Instant holdUntil,
        @Nullable Instant destroyAt,
        List<CurrentStep> currentSteps,
        @Nullable String processDefinitionId) {

    public CaseStatus {
        openTasks = List.copyOf(openTasks);
        assessedBy = Set.copyOf(assessedBy);
        currentSteps = List.copyOf(currentSteps);
    }

    /** A status that does not say where in the process diagram the case stands. */
    public CaseStatus(
            UUID caseId,
            CaseStage stage,
            List<InboxTask> openTasks,
            @Nullable InboxTask claimable,
            @Nullable String triagedBy,
            Set<String> assessedBy,
            @Nullable String decidedBy,
            @Nullable Instant holdUntil,
            @Nullable Instant destroyAt) {
        this(
                caseId,
                stage,
                openTasks,
                claimable,
                triagedBy,
                assessedBy,
                decidedBy,
                holdUntil,
                destroyAt,
                List.of(),
                null);
    }

    /** The open task this member has claimed, if any. */
    public @Nullable InboxTask taskClaimedBy(String username) {
        return openTasks.stream().filter(t -> t.claimedBy(username)).findFirst().orElse(null);
    }
}
