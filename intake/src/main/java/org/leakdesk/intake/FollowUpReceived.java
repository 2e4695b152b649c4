package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A returning source sent more to their case: a message, files, or both. Published in the
 * transaction that stores it and handed over through {@link ReviewHandOver}, like {@link
 * SubmissionReceived}; carries no content.
 *
 * @param submissionId the case
 * @param followUpId the follow-up
 * @param fileCount how many documents it added (may be zero)
 * @param arrivedAt coarsened
 */
public record FollowUpReceived(UUID submissionId, UUID followUpId, int fileCount, Instant arrivedAt) {}
