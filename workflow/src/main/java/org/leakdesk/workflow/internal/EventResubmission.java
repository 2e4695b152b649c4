package org.leakdesk.workflow.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands over again every event whose listener has not completed within {@code
 * leakdesk.workflow.resubmit-after} (the database was down, say), so a submission reaches the
 * review process without waiting for a restart.
 */
@Component
class EventResubmission {

    private final IncompleteEventPublications incomplete;
    private final Duration resubmitAfter;

    EventResubmission(
            IncompleteEventPublications incomplete,
            @Value("${leakdesk.workflow.resubmit-after}") Duration resubmitAfter) {
        this.incomplete = incomplete;
        this.resubmitAfter = resubmitAfter;
    }

    @Scheduled(
            fixedDelayString = "${leakdesk.workflow.resubmit-after}",
            initialDelayString = "${leakdesk.workflow.resubmit-after}")
    void resubmitStale() {
        resubmitOlderThan(resubmitAfter);
    }

    void resubmitOlderThan(Duration age) {
        incomplete.resubmitIncompletePublicationsOlderThan(age);
    }
}
