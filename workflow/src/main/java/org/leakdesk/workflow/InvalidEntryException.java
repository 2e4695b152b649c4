package org.leakdesk.workflow;

/** What a staff member or verifier entered cannot be used; the message says what to fix. */
public class InvalidEntryException extends CaseWorkException {

    public InvalidEntryException(String message) {
        super(message);
    }
}
