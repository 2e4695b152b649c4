package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A source's submission has been stored, encrypted. Published in the same transaction that
 * stores it and kept in the event publication registry until handled, so a crash between
 * storing and starting the review cannot lose it. Carries no content and no codename.
 *
 * @param submissionId the new case's id
 * @param fileCount how many documents arrived (at least one)
 * @param receivedAt when the upload finished
 */
public record SubmissionReceived(UUID submissionId, int fileCount, Instant receivedAt) {}
