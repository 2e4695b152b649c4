package org.leakdesk.workflow;

/** Where a case stands in the review process. */
public enum CaseStage {
    EXTRACTING_METADATA("Extracting metadata"),
    AWAITING_TRIAGE("Awaiting triage"),
    PREPARING_VERIFICATION("Verification requests being written"),
    AWAITING_VERIFICATION("Waiting for outside verification"),
    AWAITING_ASSESSMENT("Awaiting assessment of the verification"),
    AWAITING_EDITORIAL_DECISION("Awaiting editorial decision"),
    ON_HOLD("On hold"),
    PREPARING_PUBLICATION("Publication package being prepared"),
    PUBLISHED("Approved for publication"),
    REJECTED("Rejected: to be destroyed after the retention period"),
    DESTROYED("Rejected and destroyed"),
    NEEDS_ATTENTION("Stuck: a step failed and needs an administrator");

    private final String label;

    CaseStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
