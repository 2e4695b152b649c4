package org.leakdesk.workflow;

import java.util.UUID;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.SourceCorrespondence.Correspondence;

/**
 * The conversation with a case's source, for staff who may see the case: replies they write
 * (encrypted to the source's codename-derived key, and to the newsroom's for the case file) and
 * what the source sent after the first submission.
 */
public interface SourceConversation {

    /**
     * Replies and follow-ups, decrypted for the member (the access log records it).
     *
     * @throws CaseNotVisibleException unless the member may see the case
     */
    Correspondence read(UUID caseId, StaffMember member);

    /**
     * Sends a reply to the case's source.
     *
     * @throws CaseNotVisibleException unless the member may see the case
     * @throws InvalidEntryException if the text is empty or too long, or the source cannot receive
     *     replies (the case was destroyed, or the source has not signed in since replies existed)
     */
    void reply(UUID caseId, StaffMember member, String text);
}
