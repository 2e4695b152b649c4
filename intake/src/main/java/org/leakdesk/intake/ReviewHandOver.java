package org.leakdesk.intake;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What intake stored and the review has not taken yet, readable from any process on the database.
 * A submission or follow-up is recorded as awaiting review in the transaction that stores it, by
 * whichever process received it (a source-only process runs no process engine, so no listener of
 * {@link SubmissionReceived} exists there); a process that runs the review takes each one here.
 * Callers on several nodes at once never get the same one at the same time.
 */
public interface ReviewHandOver {

    /**
     * Takes the oldest awaiting submission that no other caller holds and that is not waiting to
     * be tried again, and gives it to {@code start} in a transaction of its own; the submission is
     * handed over (no longer awaiting) in that same transaction. If {@code start} throws, nothing
     * of it is committed, the submission waits {@code retryAfter} and the exception is rethrown.
     *
     * @return whether there was a submission to hand over
     */
    default boolean handOverNextSubmission(Duration retryAfter, Consumer<SubmissionReceived> start) {
        return handOverSubmissions(1, retryAfter, start) > 0;
    }

    /**
     * {@link #handOverNextSubmission} for up to {@code most} submissions at once, oldest first, all
     * in one transaction (a backlog costs one commit per batch, not one per submission). If
     * {@code start} throws for one of them, nothing of the batch is committed: the one it threw
     * for waits {@code retryAfter}, the others await the next call, and the exception is rethrown.
     *
     * @return how many submissions were handed over
     */
    int handOverSubmissions(int most, Duration retryAfter, Consumer<SubmissionReceived> start);

    /**
     * Takes the oldest awaiting follow-up that nobody leased, leases it for {@code lease} (committed
     * at once), gives it to {@code take} outside any transaction, and marks it handed over once
     * {@code take} returns. If {@code take} throws or the process dies, the follow-up is given out
     * again when the lease runs out, so {@code take} must be idempotent.
     *
     * @return whether there was a follow-up to hand over
     */
    boolean handOverNextFollowUp(Duration lease, Consumer<FollowUpReceived> take);

    /** How many submissions and follow-ups await review (for operators and tests). */
    long awaiting();
}
