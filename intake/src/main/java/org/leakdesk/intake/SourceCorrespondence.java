package org.leakdesk.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The newsroom's side of the conversation with a case's source: replies written to the source and
 * what the source sent after their first submission. Callers check that the staff member may see
 * the case; this module decrypts and logs.
 *
 * <p>Each reply is stored twice: encrypted to the source's reply key (which only the source's
 * codename unlocks) and sealed to the newsroom key like every other object of the case, so staff
 * can read what was sent. Deleting by the source removes the source's copy only.
 */
public interface SourceCorrespondence {

    /**
     * Encrypts and stores a reply, and logs it (without its text).
     *
     * @throws RepliesNotPossibleException if the source has no reply key or the case was shredded
     * @throws IllegalArgumentException if the text is blank or longer than the message limit
     */
    UUID reply(UUID caseId, String author, String text);

    /**
     * Replies and follow-ups of a case, decrypted for {@code reader} with the newsroom key; the
     * access log records the reading first.
     */
    Correspondence read(UUID caseId, String reader);

    /**
     * @param canReply whether the source has a reply key (see {@link RepliesNotPossibleException})
     * @param replies what the newsroom wrote, oldest first
     * @param followUps what the source sent after the first submission, oldest first
     */
    record Correspondence(boolean canReply, List<SentReply> replies, List<FollowUp> followUps) {}

    /**
     * A reply as staff see it.
     *
     * @param text the newsroom's copy, decrypted; null once the case was shredded
     * @param sentAt coarsened, as every time that concerns a source
     * @param readAt when the source first read it, coarsened; null while unread
     * @param deletedAt when the source deleted it, coarsened
     */
    record SentReply(
            UUID id,
            String author,
            @Nullable String text,
            Instant sentAt,
            @Nullable Instant readAt,
            @Nullable Instant deletedAt) {}

    /**
     * A follow-up from the source.
     *
     * @param arrivedAt coarsened
     * @param message decrypted; null when the source sent none (or the case was shredded)
     * @param messageCutAt where a too-long message was cut, if it was
     * @param documentPositions the positions of its files among the case's documents
     */
    record FollowUp(
            UUID id,
            Instant arrivedAt,
            @Nullable String message,
            @Nullable Integer messageCutAt,
            List<Integer> documentPositions) {}
}
