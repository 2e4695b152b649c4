package org.leakdesk.workflow;

/** The order of an inbox page. */
public enum InboxSort {
    /** Waiting longest first. */
    OLDEST("Waiting longest"),
    /** Newest tasks first. */
    NEWEST("Newest"),
    /** Earliest deadline of an unanswered verification request first; cases without one last. */
    DUE("Verification due first");

    private final String label;

    InboxSort(String label) {
        this.label = label;
    }

    /** What the newsroom calls it. */
    public String label() {
        return label;
    }
}
