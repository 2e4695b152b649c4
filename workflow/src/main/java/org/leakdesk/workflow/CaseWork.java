package org.leakdesk.workflow;

import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.StaffMember;

/**
 * What staff do on cases. Every method checks, on the server, that the member's roles and the
 * task's state allow it, and writes what was done to the access log in the same transaction.
 */
public interface CaseWork {

    /**
     * The member's inbox: open tasks of their roles, unclaimed or claimed by anyone (so the desk
     * sees who works on what), oldest first. Editorial decisions on cases the member triaged are
     * left out (four-eyes rule).
     */
    List<InboxTask> inbox(StaffMember member);

    /**
     * Claims a task for the member.
     *
     * @throws TaskNotFoundException if it is no longer open
     * @throws TaskAlreadyClaimedException if someone else holds it
     * @throws NotPermittedException if the member's roles do not cover it, or (four-eyes) they
     *     triaged the case
     */
    InboxTask claim(String taskId, StaffMember member);

    /**
     * Completes triage.
     *
     * @throws NotPermittedException unless it is a triage task the member has claimed
     */
    void completeTriage(String taskId, StaffMember member, TriageDecision decision);

    /**
     * Takes the editorial decision.
     *
     * @throws FourEyesException if the member triaged the case
     * @throws NotPermittedException unless it is an editorial task the member has claimed
     */
    void decide(String taskId, StaffMember member, EditorialDecision decision);

    /**
     * Where a case stands, for a member who has been given it: an open task of their roles on
     * it, or work they did on it before.
     *
     * @throws CaseNotVisibleException otherwise (also when there is no such case)
     */
    CaseStatus status(UUID caseId, StaffMember member);
}
