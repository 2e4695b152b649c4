package org.leakdesk.workflow;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A verification request as staff see it, question and answer decrypted.
 *
 * @param id the request's id
 * @param round which round of verification of the case it belongs to, from 1
 * @param organisation the outside party
 * @param contact whom there it went to
 * @param question what they were asked
 * @param sharing what they were shown
 * @param excerpt the excerpt they were shown, or null
 * @param deadline when it runs out
 * @param createdBy the reviewer who wrote it
 * @param sentAt when it was sent (its link issued), or null while it is a draft
 * @param remindedAt when the half-time reminder was recorded, or null
 * @param answer the answer, or null if there is none (yet)
 * @param noAnswerAt when the deadline passed without an answer, or null
 */
public record VerificationRequest(
        UUID id,
        int round,
        String organisation,
        String contact,
        String question,
        Sharing sharing,
        @Nullable String excerpt,
        Instant deadline,
        String createdBy,
        @Nullable Instant sentAt,
        @Nullable Instant remindedAt,
        @Nullable VerificationAnswer answer,
        @Nullable Instant noAnswerAt) {

    /** Where the request stands. */
    public enum State {
        DRAFT("Not sent yet"),
        WAITING("Waiting for an answer"),
        ANSWERED("Answered"),
        NO_ANSWER("No answer by the deadline");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public State state() {
        if (answer != null) {
            return State.ANSWERED;
        }
        if (noAnswerAt != null) {
            return State.NO_ANSWER;
        }
        return sentAt == null ? State.DRAFT : State.WAITING;
    }

    /** True while it waits past its reminder time: the desk should chase it. */
    public boolean overdueForReminder() {
        return state() == State.WAITING && remindedAt != null;
    }
}
