package org.leakdesk.workflow;

/** The inbox's tabs: all of a member's open work, or one view of it. */
public enum InboxTab {
    /** Every open task of the member's roles and every task they hold. */
    ALL("All open work"),
    /** Tasks the member has claimed. */
    MINE("My tasks"),
    /** Unclaimed tasks the member's roles (and the four-eyes rule) let them take. */
    CLAIMABLE("Tasks I can claim"),
    /** Editorial decisions waiting, for editors. */
    DECISIONS("Decisions waiting"),
    /**
     * For reviewers: cases whose verification requests are out and not all answered. They have no
     * open task (the process waits for the answers), so no other tab lists them.
     */
    WAITING("Waiting for verification");

    private final String label;

    InboxTab(String label) {
        this.label = label;
    }

    /** What the newsroom calls it. */
    public String label() {
        return label;
    }
}
