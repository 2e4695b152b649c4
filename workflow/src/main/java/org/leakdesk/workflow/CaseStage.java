package org.leakdesk.workflow;

/** Where a case stands in the review process. */
public enum CaseStage {
    EXTRACTING_METADATA("Extracting metadata"),
    AWAITING_TRIAGE("Awaiting triage"),
    AWAITING_EDITORIAL_DECISION("Awaiting editorial decision"),
    PUBLISHED("Approved for publication"),
    REJECTED("Rejected");

    private final String label;

    CaseStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
