package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What can be said about a submission without decrypting anything.
 *
 * @param submissionId the case id
 * @param receivedAt when it arrived
 * @param fileCount how many documents it holds
 * @param filesExtracted how many of them have had their metadata extracted
 * @param hasMessage whether the source wrote a message
 * @param messageCutAt the number of characters the message was cut to because it was longer than
 *     the limit and came after the files; null when the message is whole
 */
public record SubmissionOverview(
        UUID submissionId,
        Instant receivedAt,
        int fileCount,
        int filesExtracted,
        boolean hasMessage,
        @Nullable Integer messageCutAt) {

    /** A submission whose message, if any, is whole. */
    public SubmissionOverview(
            UUID submissionId, Instant receivedAt, int fileCount, int filesExtracted, boolean hasMessage) {
        this(submissionId, receivedAt, fileCount, filesExtracted, hasMessage, null);
    }
}
