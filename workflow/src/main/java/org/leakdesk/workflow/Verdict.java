package org.leakdesk.workflow;

/** An outside party's answer to a verification request. */
public enum Verdict {
    CONFIRMED("Confirmed"),
    DISPUTED("Disputed"),
    CANNOT_SAY("Cannot say");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** What the pages say. */
    public String label() {
        return label;
    }
}
