package org.leakdesk.intake.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.WrappedKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tables of a returning source: reply keys' public halves, follow-ups and replies. Holds
 * ciphertext only; every time in them is already coarsened by the caller.
 */
final class ConversationStore {

    /** A submission found by its codename's hash. */
    record SourceRow(UUID submissionId, byte @Nullable [] replyPublicKey, boolean shredded) {}

    record ReplyRow(
            UUID id,
            UUID submissionId,
            String sentBy,
            Instant sentAt,
            byte @Nullable [] sourceCiphertext,
            @Nullable SealedValue newsroomCopy,
            @Nullable Instant readAt,
            @Nullable Instant deletedAt) {}

    record FollowUpRow(
            UUID id,
            Instant arrivedAt,
            @Nullable SealedValue message,
            @Nullable Integer messageCutAt) {}

    private final JdbcClient jdbc;

    ConversationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SourceRow> source(byte[] codenameHash) {
        return jdbc.sql("SELECT id, reply_public_key, shredded_at FROM submission WHERE codename_hash = ?")
                .param(codenameHash)
                .query((rs, n) -> new SourceRow(rs.getObject(1, UUID.class), rs.getBytes(2), rs.getObject(3) != null))
                .optional();
    }

    Optional<byte[]> replyPublicKey(UUID submissionId) {
        return jdbc.sql("SELECT reply_public_key FROM submission WHERE id = ? AND reply_public_key IS NOT NULL")
                .param(submissionId)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** Records the public key of a source who submitted before replies existed, once. */
    void setReplyPublicKey(UUID submissionId, byte[] publicKey) {
        jdbc.sql("UPDATE submission SET reply_public_key = ? WHERE id = ? AND reply_public_key IS NULL")
                .params(publicKey, submissionId)
                .update();
    }

    /**
     * Locks the submission's row for this transaction (so two follow-ups of one source number their
     * files one after the other) and returns its highest file position.
     */
    int lockAndCountFiles(UUID submissionId) {
        jdbc.sql("SELECT id FROM submission WHERE id = ? FOR UPDATE")
                .param(submissionId)
                .query(UUID.class)
                .single();
        return jdbc.sql("SELECT COALESCE(MAX(file_order), 0) FROM submission_file WHERE submission_id = ?")
                .param(submissionId)
                .query(Integer.class)
                .single();
    }

    void insertFollowUp(
            UUID id,
            UUID submissionId,
            Instant arrivedAt,
            @Nullable SealedValue message,
            @Nullable Integer messageCutAt) {
        jdbc.sql("""
                        INSERT INTO source_follow_up (id, submission_id, arrived_at, message_key, message_ciphertext,
                            message_cut_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        submissionId,
                        utc(arrivedAt),
                        message == null ? null : message.key().packet(),
                        message == null ? null : message.ciphertext(),
                        messageCutAt)
                .update();
    }

    void attachFile(UUID fileId, UUID followUpId) {
        jdbc.sql("UPDATE submission_file SET follow_up_id = ? WHERE id = ?")
                .params(followUpId, fileId)
                .update();
    }

    List<FollowUpRow> followUps(UUID submissionId) {
        return jdbc.sql("""
                        SELECT id, arrived_at, message_key, message_ciphertext, message_cut_at
                        FROM source_follow_up WHERE submission_id = ? ORDER BY seq""")
                .param(submissionId)
                .query((rs, n) -> new FollowUpRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBytes(3) == null ? null : new SealedValue(new WrappedKey(rs.getBytes(3)), rs.getBytes(4)),
                        rs.getObject(5, Integer.class)))
                .list();
    }

    /** The positions of each follow-up's documents among the case's. */
    Map<UUID, List<Integer>> followUpFiles(UUID submissionId) {
        Map<UUID, List<Integer>> positions = new HashMap<>();
        jdbc.sql("""
                        SELECT follow_up_id, file_order FROM submission_file
                        WHERE submission_id = ? AND follow_up_id IS NOT NULL ORDER BY file_order""").param(submissionId).query(rs -> {
            positions
                    .computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(rs.getInt(2));
        });
        return positions;
    }

    void insertReply(
            UUID id, UUID submissionId, String sentBy, Instant sentAt, byte[] forSource, SealedValue forNewsroom) {
        jdbc.sql("""
                        INSERT INTO source_reply (id, submission_id, sent_by, sent_at, source_ciphertext, newsroom_key,
                            newsroom_ciphertext)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        submissionId,
                        sentBy,
                        utc(sentAt),
                        forSource,
                        forNewsroom.key().packet(),
                        forNewsroom.ciphertext())
                .update();
    }

    List<ReplyRow> replies(UUID submissionId) {
        return jdbc.sql("""
                        SELECT id, sent_by, sent_at, source_ciphertext, newsroom_key, newsroom_ciphertext, read_at,
                            deleted_at
                        FROM source_reply WHERE submission_id = ? ORDER BY seq""")
                .param(submissionId)
                .query((rs, n) -> new ReplyRow(
                        rs.getObject(1, UUID.class),
                        submissionId,
                        rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getBytes(4),
                        rs.getBytes(5) == null ? null : new SealedValue(new WrappedKey(rs.getBytes(5)), rs.getBytes(6)),
                        instant(rs.getObject(7, OffsetDateTime.class)),
                        instant(rs.getObject(8, OffsetDateTime.class))))
                .list();
    }

    /**
     * The source's side of the replies to a case: no sender, no newsroom copy (the source process's
     * database role may not read them).
     */
    List<ReplyRow> repliesForSource(UUID submissionId) {
        return jdbc.sql("""
                        SELECT id, sent_at, source_ciphertext, read_at, deleted_at
                        FROM source_reply WHERE submission_id = ? ORDER BY seq""")
                .param(submissionId)
                .query((rs, n) -> new ReplyRow(
                        rs.getObject(1, UUID.class),
                        submissionId,
                        "",
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getBytes(3),
                        null,
                        instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class))))
                .list();
    }

    /** Records the first reading; true if this was it. */
    boolean markRead(UUID replyId, Instant at) {
        return jdbc.sql("UPDATE source_reply SET read_at = ? WHERE id = ? AND read_at IS NULL")
                        .params(utc(at), replyId)
                        .update()
                == 1;
    }

    /** Destroys the source's copy of a read reply of this submission; true if there was one. */
    boolean deleteForSource(UUID replyId, UUID submissionId, Instant at) {
        return jdbc.sql("""
                                UPDATE source_reply SET source_ciphertext = NULL, deleted_at = ?
                                WHERE id = ? AND submission_id = ? AND read_at IS NOT NULL AND deleted_at IS NULL""").params(utc(at), replyId, submissionId).update() == 1;
    }

    /** Crypto-shredding: the follow-ups' messages and both copies of every reply. Call in one transaction. */
    int shred(UUID submissionId) {
        int messages = jdbc.sql("""
                        UPDATE source_follow_up SET message_key = NULL, message_ciphertext = NULL
                        WHERE submission_id = ? AND message_key IS NOT NULL""").param(submissionId).update();
        int replies = jdbc.sql("""
                        UPDATE source_reply SET source_ciphertext = NULL, newsroom_key = NULL, newsroom_ciphertext = NULL
                        WHERE submission_id = ? AND (source_ciphertext IS NOT NULL OR newsroom_key IS NOT NULL)""").param(submissionId).update();
        return messages + replies;
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
