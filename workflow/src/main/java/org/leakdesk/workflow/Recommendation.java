package org.leakdesk.workflow;

/** What the reviewer who assessed the verification recommends to the editors. */
public enum Recommendation {
    PUBLISH("Publish"),
    MORE_VERIFICATION("Verify further"),
    REJECT("Do not publish");

    private final String label;

    Recommendation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
