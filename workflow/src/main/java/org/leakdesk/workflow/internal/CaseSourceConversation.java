package org.leakdesk.workflow.internal;

import java.util.UUID;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.RepliesNotPossibleException;
import org.leakdesk.intake.SourceCorrespondence;
import org.leakdesk.intake.SourceCorrespondence.Correspondence;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.SourceConversation;
import org.springframework.stereotype.Component;

/** Who may see a case may talk to its source: the case's visibility rule, then intake's correspondence. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class CaseSourceConversation implements SourceConversation {

    private final CaseInbox inbox;
    private final CaseQueries queries;
    private final SourceCorrespondence correspondence;

    CaseSourceConversation(CaseInbox inbox, CaseQueries queries, SourceCorrespondence correspondence) {
        this.inbox = inbox;
        this.queries = queries;
        this.correspondence = correspondence;
    }

    @Override
    public Correspondence read(UUID caseId, StaffMember member) {
        queries.requireVisible(caseId, member);
        return correspondence.read(caseId, member.username());
    }

    @Override
    public void reply(UUID caseId, StaffMember member, String text) {
        if (inbox.status(caseId, member).stage() == CaseStage.DESTROYED) {
            throw new InvalidEntryException("This case was destroyed: its source can no longer be reached.");
        }
        try {
            correspondence.reply(caseId, member.username(), text);
        } catch (IllegalArgumentException e) {
            throw new InvalidEntryException(e.getMessage());
        } catch (RepliesNotPossibleException e) {
            throw new InvalidEntryException(
                    "This source cannot receive replies yet: they sent their documents before replies existed."
                            + " Their next sign-in with their codename makes replies possible.");
        }
    }
}
