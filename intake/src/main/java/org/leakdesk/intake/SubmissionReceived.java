package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A source's submission has been stored, encrypted. Published in the same transaction that
 * stores it, in the process that received it, which also records it as awaiting review: the
 * review takes it from {@link ReviewHandOver} on any node, so a crash between storing and starting
 * the review cannot lose it. Carries no content and no codename.
 *
 * @param submissionId the new case's id
 * @param fileCount how many documents arrived (at least one)
 * @param receivedAt when the upload finished
 */
public record SubmissionReceived(UUID submissionId, int fileCount, Instant receivedAt) {}
