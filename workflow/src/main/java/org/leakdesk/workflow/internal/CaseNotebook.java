package org.leakdesk.workflow.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.workflow.CaseNotes;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.Texts;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Notes (table {@code case_note}, text sealed per note) and labels ({@code case_label}) of a case. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class CaseNotebook implements CaseNotes {

    private static final Pattern LABEL_CHARACTERS = Pattern.compile("[\\p{L}\\p{N} ._/-]+");

    private record Row(UUID id, @Nullable SealedValue text, String writtenBy, Instant writtenAt) {}

    private final JdbcClient jdbc;
    private final CaseQueries queries;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final AccessLog accessLog;
    private final EngineClock clock;

    CaseNotebook(
            JdbcClient jdbc,
            CaseQueries queries,
            Encryptor encryptor,
            Decryptor decryptor,
            AccessLog accessLog,
            EngineClock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Notebook read(UUID caseId, StaffMember member) {
        queries.requireVisible(caseId, member);
        List<Row> rows = jdbc.sql(
                        "SELECT id, note_key, note_ciphertext, written_by, written_at FROM case_note WHERE case_id = ? ORDER BY written_at, id")
                .param(caseId)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        VerificationStore.sealed(rs, "note_key", "note_ciphertext"),
                        rs.getString("written_by"),
                        VerificationStore.instant(rs, "written_at")))
                .list();
        List<Note> notes = new ArrayList<>();
        if (!rows.isEmpty()) {
            DecryptionSession session = decryptor.open(new AccessRecord(
                    member.username(), WorkflowAccessAction.NOTES_READ, caseId.toString(), rows.size() + " notes"));
            for (Row row : rows) {
                String text = row.text() == null
                        ? "(destroyed)"
                        : new String(
                                VerificationStore.open(session, row.text(), ref(caseId, row.id())),
                                StandardCharsets.UTF_8);
                notes.add(new Note(row.id(), text, row.writtenBy(), row.writtenAt()));
            }
        }
        return new Notebook(notes, labels(caseId), writes(member));
    }

    @Override
    @Transactional
    public void addNote(UUID caseId, StaffMember member, String text) {
        mayWrite(caseId, member);
        String note = Texts.required(text, "a note", Texts.LONG);
        UUID id = UUID.randomUUID();
        SealedValue sealed = encryptor.seal(note.getBytes(StandardCharsets.UTF_8), ref(caseId, id));
        jdbc.sql("""
                        INSERT INTO case_note (id, case_id, note_key, note_ciphertext, written_by, written_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        caseId,
                        sealed.key().packet(),
                        sealed.ciphertext(),
                        member.username(),
                        VerificationStore.utc(clock.instant()))
                .update();
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.NOTE_WRITTEN,
                caseId.toString(),
                note.length() + " characters"));
    }

    @Override
    @Transactional
    public void addLabel(UUID caseId, StaffMember member, String label) {
        mayWrite(caseId, member);
        String clean = label(label);
        boolean added = jdbc.sql("""
                        INSERT INTO case_label (case_id, label, added_by, added_at)
                        SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM case_label WHERE case_id = ? AND label = ?)""")
                        .params(caseId, clean, member.username(), VerificationStore.utc(clock.instant()), caseId, clean)
                        .update()
                > 0;
        if (added) {
            accessLog.record(
                    new AccessRecord(member.username(), WorkflowAccessAction.LABEL_ADDED, caseId.toString(), clean));
        }
    }

    @Override
    @Transactional
    public void removeLabel(UUID caseId, StaffMember member, String label) {
        mayWrite(caseId, member);
        String clean = label == null ? "" : label.strip();
        if (jdbc.sql("DELETE FROM case_label WHERE case_id = ? AND label = ?")
                        .params(caseId, clean)
                        .update()
                > 0) {
            accessLog.record(
                    new AccessRecord(member.username(), WorkflowAccessAction.LABEL_REMOVED, caseId.toString(), clean));
        }
    }

    /** Deletes the keys of the case's notes and its labels (crypto-shredding); returns how many notes. */
    int shred(UUID caseId) {
        jdbc.sql("DELETE FROM case_label WHERE case_id = ?").param(caseId).update();
        return jdbc.sql(
                        "UPDATE case_note SET note_key = NULL, note_ciphertext = NULL WHERE case_id = ? AND note_key IS NOT NULL")
                .param(caseId)
                .update();
    }

    private List<String> labels(UUID caseId) {
        return jdbc.sql("SELECT label FROM case_label WHERE case_id = ? ORDER BY label")
                .param(caseId)
                .query(String.class)
                .list();
    }

    private void mayWrite(UUID caseId, StaffMember member) {
        queries.requireVisible(caseId, member);
        if (!writes(member)) {
            throw new NotPermittedException("Only reviewers and editors write notes and labels.");
        }
    }

    /** Reviewers and editors write notes and labels; everyone who sees the case reads them. */
    private static boolean writes(StaffMember member) {
        return member.has(StaffRole.REVIEWER) || member.has(StaffRole.EDITOR);
    }

    static String label(@Nullable String label) {
        String clean = Texts.required(label, "a label", CaseNotes.LABEL);
        if (!LABEL_CHARACTERS.matcher(clean).matches()) {
            throw new InvalidEntryException("Use letters, digits, spaces and - _ . / in a label.");
        }
        return clean;
    }

    static ObjectRef ref(UUID caseId, UUID noteId) {
        return new ObjectRef(caseId, "case-note:" + noteId);
    }
}
