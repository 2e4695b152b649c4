package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * What can be said about a submission without decrypting anything.
 *
 * @param submissionId the case id
 * @param receivedAt when it arrived
 * @param fileCount how many documents it holds
 * @param filesExtracted how many of them have had their metadata extracted
 * @param hasMessage whether the source wrote a message
 */
public record SubmissionOverview(
        UUID submissionId, Instant receivedAt, int fileCount, int filesExtracted, boolean hasMessage) {}
