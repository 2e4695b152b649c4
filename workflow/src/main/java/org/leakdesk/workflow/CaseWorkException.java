package org.leakdesk.workflow;

/** A request on a case or task that cannot be carried out; the message is meant for the staff member. */
public abstract class CaseWorkException extends RuntimeException {

    protected CaseWorkException(String message) {
        super(message);
    }
}
