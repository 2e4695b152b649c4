package org.leakdesk.workflow;

/** The member's role or the task's state does not allow what was asked. */
public class NotPermittedException extends CaseWorkException {

    public NotPermittedException(String message) {
        super(message);
    }
}
