package org.leakdesk.workflow.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decisions and assessments of a case (table {@code review_record}, free text sealed) and its
 * provenance report (table {@code publication_package}).
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class ReviewRecords {

    /** The steps a record belongs to. */
    enum Step {
        TRIAGE("Triage"),
        ASSESSMENT("Assessment"),
        EDITORIAL_DECISION("Editorial decision");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** A stored record, its note still sealed. */
    record Row(
            UUID id,
            UUID caseId,
            Step step,
            String outcome,
            @Nullable SealedValue note,
            @Nullable String tally,
            String recordedBy,
            Instant recordedAt) {}

    private final JdbcClient jdbc;
    private final Encryptor encryptor;
    private final EngineClock clock;

    ReviewRecords(JdbcClient jdbc, Encryptor encryptor, EngineClock clock) {
        this.jdbc = jdbc;
        this.encryptor = encryptor;
        this.clock = clock;
    }

    void add(UUID caseId, Step step, String outcome, String note, @Nullable String tally, String recordedBy) {
        UUID id = UUID.randomUUID();
        SealedValue sealed =
                note.isEmpty() ? null : encryptor.seal(note.getBytes(StandardCharsets.UTF_8), noteRef(caseId, id));
        jdbc.sql("""
                        INSERT INTO review_record (id, case_id, step, outcome, note_key, note_ciphertext, tally,
                            recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        caseId,
                        step.name(),
                        outcome,
                        sealed == null ? null : sealed.key().packet(),
                        sealed == null ? null : sealed.ciphertext(),
                        tally,
                        recordedBy,
                        VerificationStore.utc(clock.instant()))
                .update();
    }

    List<Row> ofCase(UUID caseId) {
        return jdbc.sql("SELECT * FROM review_record WHERE case_id = ? ORDER BY recorded_at, id")
                .param(caseId)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        caseId,
                        Step.valueOf(rs.getString("step")),
                        rs.getString("outcome"),
                        VerificationStore.sealed(rs, "note_key", "note_ciphertext"),
                        rs.getString("tally"),
                        rs.getString("recorded_by"),
                        VerificationStore.instant(rs, "recorded_at")))
                .list();
    }

    String note(Row row, DecryptionSession session) {
        return row.note() == null
                ? ""
                : new String(
                        VerificationStore.open(session, row.note(), noteRef(row.caseId(), row.id())),
                        StandardCharsets.UTF_8);
    }

    /** Stores the provenance report unless one exists (a retried job); true if it stored it. */
    boolean storeReport(UUID caseId, String report) {
        if (jdbc.sql("SELECT COUNT(*) FROM publication_package WHERE case_id = ?")
                        .param(caseId)
                        .query(Integer.class)
                        .single()
                > 0) {
            return false;
        }
        SealedValue sealed = encryptor.seal(report.getBytes(StandardCharsets.UTF_8), reportRef(caseId));
        jdbc.sql(
                        "INSERT INTO publication_package (case_id, report_key, report_ciphertext, created_at) VALUES (?, ?, ?, ?)")
                .params(caseId, sealed.key().packet(), sealed.ciphertext(), VerificationStore.utc(clock.instant()))
                .update();
        return true;
    }

    Optional<String> report(UUID caseId, DecryptionSession session) {
        return jdbc.sql("SELECT report_key, report_ciphertext FROM publication_package WHERE case_id = ?")
                .param(caseId)
                .query((rs, n) -> Optional.ofNullable(VerificationStore.sealed(rs, "report_key", "report_ciphertext")))
                .optional()
                .flatMap(found -> found)
                .map(report ->
                        new String(VerificationStore.open(session, report, reportRef(caseId)), StandardCharsets.UTF_8));
    }

    /** Deletes the keys of every note and report of the case (crypto-shredding); returns how many. */
    int shred(UUID caseId) {
        int notes = jdbc.sql(
                        "UPDATE review_record SET note_key = NULL, note_ciphertext = NULL WHERE case_id = ? AND note_key IS NOT NULL")
                .param(caseId)
                .update();
        int reports = jdbc.sql(
                        "UPDATE publication_package SET report_key = NULL, report_ciphertext = NULL WHERE case_id = ? AND report_key IS NOT NULL")
                .param(caseId)
                .update();
        return notes + reports;
    }

    static ObjectRef noteRef(UUID caseId, UUID recordId) {
        return new ObjectRef(caseId, "review-record:" + recordId);
    }

    static ObjectRef reportRef(UUID caseId) {
        return new ObjectRef(caseId, "publication-report:" + caseId);
    }
}
