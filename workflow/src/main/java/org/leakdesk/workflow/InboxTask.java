package org.leakdesk.workflow;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A piece of open work on a case, as the inbox shows it. Says nothing that needs decrypting.
 *
 * @param taskId the task's id; pass it back to claim or complete
 * @param kind what has to be done
 * @param caseId the case (submission) it belongs to
 * @param caseReceivedAt when the submission arrived
 * @param documents how many documents the case holds
 * @param documentsUnparseable how many of them Tika could not read
 * @param createdAt since when the task has been waiting
 * @param assignee who claimed it, or null if nobody has
 * @param documentsWithFindings how many of the case's documents have findings a reviewer must see
 * @param due the earliest deadline of the case's unanswered verification requests, or null
 * @param overdueRequests how many of them are past their deadline
 */
public record InboxTask(
        String taskId,
        TaskKind kind,
        UUID caseId,
        Instant caseReceivedAt,
        int documents,
        int documentsUnparseable,
        Instant createdAt,
        @Nullable String assignee,
        int documentsWithFindings,
        @Nullable Instant due,
        int overdueRequests) {

    /** A task whose case has no findings and no verification requests waiting. */
    public InboxTask(
            String taskId,
            TaskKind kind,
            UUID caseId,
            Instant caseReceivedAt,
            int documents,
            int documentsUnparseable,
            Instant createdAt,
            @Nullable String assignee) {
        this(taskId, kind, caseId, caseReceivedAt, documents, documentsUnparseable, createdAt, assignee, 0, null, 0);
    }

    /** True if a verification request of the case is past its deadline without an answer. */
    public boolean overdue() {
        return overdueRequests > 0;
    }

    /** True if {@code username} has claimed this task. */
    public boolean claimedBy(String username) {
        return username.equals(assignee);
    }

    /** True if nobody has claimed it yet. */
    public boolean unclaimed() {
        return assignee == null;
    }
}
