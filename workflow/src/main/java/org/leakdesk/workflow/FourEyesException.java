package org.leakdesk.workflow;

/** The editorial decision may not be taken by anyone who triaged or assessed the case. */
public class FourEyesException extends NotPermittedException {

    public FourEyesException() {
        super("You triaged or assessed this case, so another editor has to take the editorial decision"
                + " (four-eyes rule).");
    }
}
