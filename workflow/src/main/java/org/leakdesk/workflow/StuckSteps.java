package org.leakdesk.workflow;

import java.util.List;
import org.leakdesk.infra.StaffMember;

/** Steps that failed their last retry, for administrators (who never see a case's content). */
public interface StuckSteps {

    /** Open incidents, oldest first. @throws NotPermittedException unless the member is an admin */
    List<StuckStep> list(StaffMember admin);

    /**
     * Gives the step its retries back so the job executor runs it again; logged.
     *
     * @throws NotPermittedException unless the member is an admin
     * @throws TaskNotFoundException if the incident is no longer open
     */
    void retry(String incidentId, StaffMember admin);
}
