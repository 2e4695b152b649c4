package org.leakdesk.workflow;

/** What an outside party is shown of the case when asked to verify it. */
public enum Sharing {
    NOTHING("Nothing: the question only"),
    EXCERPT("An excerpt the reviewer writes"),
    SCRUBBED_COPIES("The scrubbed copies of the documents");

    private final String label;

    Sharing(String label) {
        this.label = label;
    }

    /** What the form says. */
    public String label() {
        return label;
    }
}
