package org.leakdesk.workflow;

/** A verifier link that is unknown, answered, past its deadline or withdrawn: all answer alike (404). */
public class VerifierLinkGoneException extends CaseWorkException {

    public VerifierLinkGoneException() {
        super("This link does not work (any more). Ask the newsroom for a new one if you still want to answer.");
    }
}
