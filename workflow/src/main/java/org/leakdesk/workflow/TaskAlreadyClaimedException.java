package org.leakdesk.workflow;

/** Someone else claimed the task first. */
public class TaskAlreadyClaimedException extends CaseWorkException {

    public TaskAlreadyClaimedException(String assignee) {
        super("This task has already been claimed by " + assignee + ".");
    }
}
