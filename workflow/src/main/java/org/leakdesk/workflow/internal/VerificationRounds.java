package org.leakdesk.workflow.internal;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.workflow.VerificationAnswer;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationTally;
import org.springframework.stereotype.Component;

/**
 * What {@code leak-review.bpmn} asks about verification requests ({@code verificationSchedule}):
 * which requests the multi-instance runs over, and when each one's timers fire.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component("verificationSchedule")
public class VerificationRounds { // public: the engine's expression language calls its methods reflectively

    private final VerificationStore store;

    VerificationRounds(VerificationStore store) { // package-private: only Spring creates it
        this.store = store;
    }

    /** The requests of the round just sent: one instance each. */
    public List<String> currentRound(String caseId) {
        return store.lastSentRound(UUID.fromString(caseId));
    }

    /** Half time between sending and the deadline. */
    public Date reminderAt(String requestId) {
        return Date.from(row(requestId).reminderAt());
    }

    public Date deadline(String requestId) {
        return Date.from(row(requestId).deadline());
    }

    private VerificationStore.Row row(String requestId) {
        return store.find(UUID.fromString(requestId))
                .orElseThrow(() -> new IllegalStateException("No verification request " + requestId));
    }

    /** The tally of sent requests, counted without decrypting anything. */
    static VerificationTally tally(List<VerificationStore.Row> rows) {
        return VerificationTally.of(rows.stream()
                .map(row -> new VerificationRequest(
                        row.id(),
                        row.round(),
                        "",
                        "",
                        "",
                        row.sharing(),
                        null,
                        row.deadline(),
                        row.createdBy(),
                        row.sentAt(),
                        row.remindedAt(),
                        row.verdict() == null || row.answeredAt() == null || row.answeredBy() == null
                                ? null
                                : new VerificationAnswer(row.verdict(), "", row.answeredAt(), row.answeredBy()),
                        row.noAnswerAt()))
                .toList());
    }
}
