package org.leakdesk.workflow;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A case waiting for outside parties to answer its current round of verification requests, as
 * the inbox's "Waiting for verification" tab shows it. Says nothing that needs decrypting.
 *
 * @param caseId the case (submission)
 * @param caseReceivedAt when the submission arrived
 * @param documents how many documents the case holds
 * @param documentsWithFindings how many of them have findings a reviewer must see
 * @param round the round of requests the case waits on (1 for the first)
 * @param sentAt when that round was sent
 * @param requests how many requests the round holds
 * @param answered how many of them have an answer
 * @param outstanding how many wait for an answer before their deadline
 * @param overdue how many are past their deadline without an answer
 * @param due the earliest deadline of the requests without an answer, or null if none is left
 */
public record WaitingCase(
        UUID caseId,
        Instant caseReceivedAt,
        int documents,
        int documentsWithFindings,
        int round,
        Instant sentAt,
        int requests,
        int answered,
        int outstanding,
        int overdue,
        @Nullable Instant due) {

    /** True if a request of the round is past its deadline without an answer. */
    public boolean anyOverdue() {
        return overdue > 0;
    }
}
