package org.leakdesk.workflow;

/** No open task has that id (it may have been completed meanwhile). */
public class TaskNotFoundException extends CaseWorkException {

    public TaskNotFoundException(String taskId) {
        super("This task is no longer open. Someone may have completed it; go back to the inbox.");
    }
}
