package org.leakdesk.workflow;

import java.util.UUID;

/**
 * The member has not been given this case by a task (or there is no such case). Deliberately
 * the same answer in both situations, so case ids cannot be probed.
 */
public class CaseNotVisibleException extends CaseWorkException {

    /** The one answer for "not yours" and "does not exist". */
    public static final String MESSAGE = "There is no case here that you have been given.";

    public CaseNotVisibleException(UUID caseId) {
        super(MESSAGE);
    }
}
