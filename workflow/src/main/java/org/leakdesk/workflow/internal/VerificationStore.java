package org.leakdesk.workflow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationAnswer;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Verification requests in table {@code verification_request}. Whom a request goes to, its
 * question and excerpt are sealed together, an answer's comment on its own; a link's token is
 * kept only as its SHA-256.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class VerificationStore {

    private static final int TOKEN_BYTES = 32;

    private final JdbcClient jdbc;
    private final Encryptor encryptor;
    private final ObjectMapper json;
    private final SecureRandom random;
    private final EngineClock clock;

    VerificationStore(JdbcClient jdbc, Encryptor encryptor, ObjectMapper json, SecureRandom random, EngineClock clock) {
        this.jdbc = jdbc;
        this.encryptor = encryptor;
        this.json = json;
        this.random = random;
        this.clock = clock;
    }

    /** What is sealed of a request. */
    record Content(
            String organisation,
            String contact,
            String question,
            @Nullable String excerpt) {}

    /** A request's row, content still sealed. */
    record Row(
            UUID id,
            UUID caseId,
            int round,
            Sharing sharing,
            @Nullable SealedValue content,
            Instant deadline,
            String createdBy,
            @Nullable Instant sentAt,
            @Nullable Instant remindedAt,
            @Nullable Instant noAnswerAt,
            @Nullable Verdict verdict,
            @Nullable SealedValue comment,
            @Nullable Instant answeredAt,
            @Nullable String answeredBy) {

        boolean waiting() {
            return sentAt != null && verdict == null && noAnswerAt == null;
        }

        /** Half way between sending and the deadline. */
        Instant reminderAt() {
            Instant from = sentAt != null ? sentAt : deadline;
            return from.plusMillis((deadline.toEpochMilli() - from.toEpochMilli()) / 2);
        }
    }

    UUID addDraft(UUID caseId, int round, VerificationRequestDraft draft, String createdBy) {
        UUID id = UUID.randomUUID();
        SealedValue content = encryptor.seal(
                bytes(new Content(draft.organisation(), draft.contact(), draft.question(), draft.excerpt())),
                contentRef(caseId, id));
        jdbc.sql("""
                        INSERT INTO verification_request (id, case_id, round, sharing, content_key, content_ciphertext,
                            deadline, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        caseId,
                        round,
                        draft.sharing().name(),
                        content.key().packet(),
                        content.ciphertext(),
                        utc(draft.deadline()),
                        createdBy,
                        utc(clock.instant()))
                .update();
        return id;
    }

    boolean removeDraft(UUID caseId, UUID requestId) {
        return jdbc.sql("DELETE FROM verification_request WHERE id = ? AND case_id = ? AND sent_at IS NULL")
                        .params(requestId, caseId)
                        .update()
                > 0;
    }

    /** The round being written: the one after the last sent round. */
    int openRound(UUID caseId) {
        Integer last = jdbc.sql("SELECT MAX(round) FROM verification_request WHERE case_id = ? AND sent_at IS NOT NULL")
                .param(caseId)
                .query(Integer.class)
                .optional()
                .orElse(null);
        return last == null ? 1 : last + 1;
    }

    List<Row> drafts(UUID caseId) {
        return select("WHERE case_id = ? AND sent_at IS NULL ORDER BY created_at, id", caseId);
    }

    List<Row> ofCase(UUID caseId) {
        return select("WHERE case_id = ? ORDER BY round, created_at, id", caseId);
    }

    /** The ids of the last round sent, for the multi-instance verification. */
    List<String> lastSentRound(UUID caseId) {
        return jdbc.sql("""
                        SELECT id FROM verification_request WHERE case_id = ? AND sent_at IS NOT NULL AND round =
                            (SELECT MAX(round) FROM verification_request WHERE case_id = ? AND sent_at IS NOT NULL)
                        ORDER BY created_at, id""")
                .params(caseId, caseId)
                .query((rs, n) -> rs.getObject(1, UUID.class).toString())
                .list();
    }

    Optional<Row> find(UUID requestId) {
        return select("WHERE id = ?", requestId).stream().findFirst();
    }

    /** The waiting request a token opens, if it has not run out. */
    Optional<Row> byToken(String token) {
        return select("WHERE token_hash = ?", hash(token)).stream()
                .filter(Row::waiting)
                .filter(row -> row.deadline().isAfter(clock.instant()))
                .findFirst();
    }

    /** Marks a draft sent and gives it a fresh link; returns the token (never stored). */
    String send(UUID requestId) {
        String token = newToken();
        jdbc.sql("UPDATE verification_request SET sent_at = ?, token_hash = ? WHERE id = ? AND sent_at IS NULL")
                .params(utc(clock.instant()), hash(token), requestId)
                .update();
        return token;
    }

    /** Replaces a waiting request's link; returns the new token. */
    String reissue(UUID requestId) {
        String token = newToken();
        jdbc.sql(
                        "UPDATE verification_request SET token_hash = ? WHERE id = ? AND verdict IS NULL AND no_answer_at IS NULL")
                .params(hash(token), requestId)
                .update();
        return token;
    }

    /** Records an answer on a waiting request and spends its link; false if it was not waiting. */
    boolean answer(UUID caseId, UUID requestId, Verdict verdict, String comment, String recordedBy) {
        SealedValue sealed = encryptor.seal(comment.getBytes(StandardCharsets.UTF_8), commentRef(caseId, requestId));
        return jdbc.sql("""
                        UPDATE verification_request SET verdict = ?, comment_key = ?, comment_ciphertext = ?,
                            answered_at = ?, answered_by = ?, token_hash = NULL
                        WHERE id = ? AND case_id = ? AND sent_at IS NOT NULL AND verdict IS NULL
                            AND no_answer_at IS NULL""")
                        .params(
                                verdict.name(),
                                sealed.key().packet(),
                                sealed.ciphertext(),
                                utc(clock.instant()),
                                recordedBy,
                                requestId,
                                caseId)
                        .update()
                > 0;
    }

    /** Idempotent: the first reminder time stays. */
    boolean reminded(UUID requestId) {
        return jdbc.sql("UPDATE verification_request SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL")
                        .params(utc(clock.instant()), requestId)
                        .update()
                > 0;
    }

    /** Idempotent: records "no answer" and spends the link unless an answer came first. */
    boolean ranOut(UUID requestId) {
        return jdbc.sql("""
                        UPDATE verification_request SET no_answer_at = ?, token_hash = NULL
                        WHERE id = ? AND verdict IS NULL AND no_answer_at IS NULL""").params(utc(clock.instant()), requestId).update() > 0;
    }

    /** Deletes every key of the case's requests (crypto-shredding); returns how many requests had any. */
    int shred(UUID caseId) {
        return jdbc.sql("""
                        UPDATE verification_request SET content_key = NULL, content_ciphertext = NULL, comment_key = NULL,
                            comment_ciphertext = NULL, token_hash = NULL
                        WHERE case_id = ? AND (content_key IS NOT NULL OR comment_key IS NOT NULL)""").param(caseId).update();
    }

    Content content(Row row, DecryptionSession session) {
        if (row.content() == null) {
            return new Content("(destroyed)", "(destroyed)", "(destroyed)", null);
        }
        try {
            return json.readValue(open(session, row.content(), contentRef(row.caseId(), row.id())), Content.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Verification request " + row.id() + " cannot be read", e);
        }
    }

    VerificationRequest view(Row row, DecryptionSession session) {
        Content content = content(row, session);
        VerificationAnswer answer = null;
        if (row.verdict() != null && row.answeredAt() != null && row.answeredBy() != null) {
            String comment = row.comment() == null
                    ? ""
                    : new String(
                            open(session, row.comment(), commentRef(row.caseId(), row.id())), StandardCharsets.UTF_8);
            answer = new VerificationAnswer(row.verdict(), comment, row.answeredAt(), row.answeredBy());
        }
        return new VerificationRequest(
                row.id(),
                row.round(),
                content.organisation(),
                content.contact(),
                content.question(),
                row.sharing(),
                content.excerpt(),
                row.deadline(),
                row.createdBy(),
                row.sentAt(),
                row.remindedAt(),
                answer,
                row.noAnswerAt());
    }

    private List<Row> select(String where, Object... params) {
        return jdbc.sql("SELECT * FROM verification_request " + where)
                .params(params)
                .query((rs, n) -> row(rs))
                .list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                rs.getInt("round"),
                Sharing.valueOf(rs.getString("sharing")),
                sealed(rs, "content_key", "content_ciphertext"),
                instant(rs, "deadline"),
                rs.getString("created_by"),
                instant(rs, "sent_at"),
                instant(rs, "reminded_at"),
                instant(rs, "no_answer_at"),
                verdict == null ? null : Verdict.valueOf(verdict),
                sealed(rs, "comment_key", "comment_ciphertext"),
                instant(rs, "answered_at"),
                rs.getString("answered_by"));
    }

    static @Nullable SealedValue sealed(ResultSet rs, String keyColumn, String ciphertextColumn) throws SQLException {
        byte[] key = rs.getBytes(keyColumn);
        byte[] ciphertext = rs.getBytes(ciphertextColumn);
        return key == null || ciphertext == null ? null : new SealedValue(new WrappedKey(key), ciphertext);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a verification request", e);
        }
    }

    private String newToken() {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** Decrypts a small value; an altered one is an error of the installation, not of the caller. */
    static byte[] open(DecryptionSession session, SealedValue value, ObjectRef objectRef) {
        try {
            return session.open(value, objectRef);
        } catch (TamperedCiphertextException e) {
            throw new IllegalStateException("The record " + objectRef + " has been altered or damaged", e);
        }
    }

    static ObjectRef contentRef(UUID caseId, UUID requestId) {
        return new ObjectRef(caseId, "verification-request:" + requestId);
    }

    static ObjectRef commentRef(UUID caseId, UUID requestId) {
        return new ObjectRef(caseId, "verification-comment:" + requestId);
    }
}
