package org.leakdesk.workflow;

/** The editorial decision may not be taken by the person who triaged the case. */
public class FourEyesException extends NotPermittedException {

    public FourEyesException() {
        super("You triaged this case, so another editor has to take the editorial decision (four-eyes rule).");
    }
}
