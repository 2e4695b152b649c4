package org.leakdesk.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.StaffMember;

/**
 * What staff do on cases. Every method checks, on the server, that the member's roles, the
 * four-eyes rule and the task's state allow it, and writes what was done to the access log in
 * the same transaction. Commands on a task need the task claimed by the member.
 *
 * @see CaseInbox for what staff see
 */
public interface CaseWork {

    /**
     * Claims a task for the member.
     *
     * @throws TaskNotFoundException if it is no longer open
     * @throws TaskAlreadyClaimedException if someone else holds it
     * @throws NotPermittedException if the member's roles do not cover it, or the four-eyes rule
     *     forbids it ({@link FourEyesException})
     */
    InboxTask claim(String taskId, StaffMember member);

    /** Gives a claimed task back to the desk. @throws NotPermittedException unless the member holds it */
    void unclaim(String taskId, StaffMember member);

    /**
     * Completes triage. Requesting verification hands the member the task of writing the requests.
     *
     * @throws NotPermittedException unless it is a triage task the member has claimed
     */
    void completeTriage(String taskId, StaffMember member, TriageDecision decision);

    /**
     * Adds a request to the round being written on a "verification requests" task.
     *
     * @return the new request's id
     * @throws NotPermittedException unless it is such a task and the member has claimed it
     */
    UUID addVerificationRequest(String taskId, StaffMember member, VerificationRequestDraft draft);

    /** Removes a request not sent yet. @throws NotPermittedException as {@link #addVerificationRequest} */
    void removeVerificationRequest(String taskId, StaffMember member, UUID requestId);

    /**
     * Sends the round's requests: each gets its one-time link and its timers, and they run in
     * parallel. The links are returned once and never again.
     *
     * @throws InvalidEntryException if the round has no request, or a deadline has passed
     * @throws NotPermittedException as {@link #addVerificationRequest}
     */
    List<VerifierLink> sendVerificationRequests(String taskId, StaffMember member);

    /**
     * Records an answer the desk received by other means (telephone, letter) on a waiting request,
     * and spends its link.
     *
     * @throws NotPermittedException unless the member is a reviewer who may see the case
     * @throws InvalidEntryException if the request is not waiting for an answer
     */
    void recordAnswer(UUID caseId, UUID requestId, StaffMember member, Verdict verdict, String comment);

    /**
     * Replaces a waiting request's link (the old one stops working), e.g. when it went astray.
     *
     * @throws NotPermittedException as {@link #recordAnswer}
     */
    VerifierLink reissueLink(UUID caseId, UUID requestId, StaffMember member);

    /**
     * Completes the assessment of a round of verification; the case goes to the editors.
     *
     * @throws NotPermittedException unless it is an assessment task the member has claimed
     */
    void assess(String taskId, StaffMember member, Assessment assessment);

    /**
     * Takes the editorial decision.
     *
     * @throws FourEyesException if the member triaged or assessed the case
     * @throws InvalidEntryException if a hold date is not in the future
     * @throws NotPermittedException unless it is an editorial task the member has claimed
     */
    void decide(String taskId, StaffMember member, EditorialDecision decision);

    /**
     * Writes a published case's publication package (a zip: the provenance report and the scrubbed
     * copies) to {@code out}; the access log records it.
     *
     * @throws CaseNotVisibleException unless the member may see the case
     * @throws InvalidEntryException if the case has no package (yet)
     */
    void writePublicationPackage(UUID caseId, StaffMember member, OutputStream out) throws IOException;
}
