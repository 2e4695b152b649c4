package org.leakdesk.workflow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.StaffMember;

/**
 * The desk's own notes on a case (never shown to the source, sealed at rest, destroyed with the
 * case) and its labels. Whoever may see the case (the rule of {@link CaseInbox#status}) reads
 * them; reviewers and editors among them write them. Every change is in the access log, and so
 * is every decryption of the notes.
 */
public interface CaseNotes {

    /** Longest label, in characters. */
    int LABEL = 40;

    /** A note as written, oldest first. */
    record Note(UUID id, String text, String writtenBy, Instant writtenAt) {}

    /**
     * What the desk keeps on a case besides its documents, as one member reads it.
     *
     * @param writable whether that member may add notes and labels
     */
    record Notebook(List<Note> notes, List<String> labels, boolean writable) {}

    /** @throws CaseNotVisibleException unless the member may see the case */
    Notebook read(UUID caseId, StaffMember member);

    /**
     * @throws CaseNotVisibleException unless the member may see the case
     * @throws NotPermittedException unless the member is a reviewer or an editor
     * @throws InvalidEntryException for an empty or overlong note
     */
    void addNote(UUID caseId, StaffMember member, String text);

    /**
     * Adds a label (trimmed; letters, digits, spaces, {@code - _ . /}; at most {@value #LABEL}
     * characters); adding one the case has does nothing.
     *
     * @throws CaseNotVisibleException unless the member may see the case
     * @throws NotPermittedException unless the member is a reviewer or an editor
     * @throws InvalidEntryException for an empty, overlong or odd label
     */
    void addLabel(UUID caseId, StaffMember member, String label);

    /** @throws CaseNotVisibleException, NotPermittedException as {@link #addLabel} */
    void removeLabel(UUID caseId, StaffMember member, String label);
}
