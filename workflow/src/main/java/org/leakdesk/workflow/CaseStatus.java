package org.leakdesk.workflow;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.StaffMember;

/**
 * A case as one staff member may see it: where it stands and what they can do on it.
 *
 * @param caseId the case (submission) id
 * @param stage where it stands
 * @param openTasks its open tasks (usually one)
 * @param triagedBy who completed triage, or null before that
 * @param decidedBy who took the editorial decision, or null before that
 */
public record CaseStatus(
        UUID caseId,
        CaseStage stage,
        List<InboxTask> openTasks,
        @Nullable String triagedBy,
        @Nullable String decidedBy) {

    /**
     * The open, unclaimed task this member may claim: one of their roles, and (four-eyes) not
     * the editorial decision on a case they triaged.
     */
    public @Nullable InboxTask taskClaimableBy(StaffMember member) {
        return openTasks.stream()
                .filter(InboxTask::unclaimed)
                .filter(task -> member.has(task.kind().role()))
                .filter(task -> !(task.kind() == TaskKind.EDITORIAL_DECISION
                        && member.username().equals(triagedBy)))
                .findFirst()
                .orElse(null);
    }

    /** The open task this member has claimed, if any. */
    public @Nullable InboxTask taskClaimedBy(String username) {
        return openTasks.stream().filter(t -> t.claimedBy(username)).findFirst().orElse(null);
    }
}
