package org.leakdesk.workflow;

import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.StaffMember;

/**
 * What staff see of cases. Decides, in one place, which cases a member may see: those with an
 * open task of their roles, those they worked on, and, for reviewers, those waiting for outside
 * parties to answer their verification requests (nobody holds such a case meanwhile).
 */
public interface CaseInbox {

    /**
     * The member's inbox: open tasks of their roles, unclaimed or claimed by anyone (so the desk
     * sees who works on what), oldest first. Editorial decisions
     * the four-eyes rule keeps from the member are left out.
     */
    InboxPage inbox(StaffMember member, int page, int pageSize);

    /**
     * One page of the member's inbox on a tab, filtered and sorted in the database, with the
     * number of tasks each tab holds under the same filters. The member sees the same tasks as
     * {@link #inbox(StaffMember, int, int)} would list, never more.
     *
     * @throws IllegalArgumentException if the page is negative or the size not from 1 to {@link InboxPage#MAX_PAGE_SIZE}
     */
    InboxPage inbox(StaffMember member, InboxFilter filter, int page, int pageSize);

    /** The first {@link InboxPage#MAX_PAGE_SIZE} tasks of the member's inbox. */
    default List<InboxTask> inbox(StaffMember member) {
        return inbox(member, 0, InboxPage.MAX_PAGE_SIZE).tasks();
    }

    /**
     * Cases of the member's roles held up by a failed step, so they do not vanish from the desk
     * while an administrator looks at them; empty for members without a reviewer or editor role.
     */
    List<StuckStep> stuck(StaffMember member);

    /**
     * Where a case stands, for a member who may see it.
     *
     * @throws CaseNotVisibleException otherwise (also when there is no such case)
     */
    CaseStatus status(UUID caseId, StaffMember member);

    /**
     * Everything on a case the member may see, decrypted for them: documents, verification
     * requests and answers, assessments, the publication package's report. The access log
     * records the view before anything is decrypted.
     *
     * @throws CaseNotVisibleException unless the member may see the case
     */
    CaseFile open(UUID caseId, StaffMember member);

    /**
     * The BPMN 2.0 XML of a deployed version of the review process, as it was deployed (with its
     * diagram), for drawing where a case stands ({@link CaseStatus#processDefinitionId()}). It
     * holds nothing of any case.
     *
     * @throws IllegalArgumentException if no version of the review process has that id
     */
    String processDiagram(String processDefinitionId);
}
