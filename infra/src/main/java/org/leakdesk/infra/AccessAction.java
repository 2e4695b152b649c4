package org.leakdesk.infra;

/** What an access log entry records. The log's vocabulary is closed: add a constant here. */
public enum AccessAction {
    STAFF_LOGIN("Signed in"),
    STAFF_LOGIN_FAILED("Failed sign-in"),
    STAFF_LOGOUT("Signed out"),
    ACCOUNT_CREATED("Staff account created"),
    KEY_UNLOCKED("Newsroom key unlocked"),
    SUBMISSION_RECEIVED("Submission received"),
    METADATA_EXTRACTED("Metadata extracted (decrypted by the system)"),
    SCRUBBED_COPY_MADE("Scrubbed copy made (document decrypted)"),
    CASE_VIEWED("Case opened (documents' details decrypted)"),
    TASK_CLAIMED("Task claimed"),
    TRIAGE_COMPLETED("Triage completed"),
    EDITORIAL_DECISION("Editorial decision"),
    ACCESS_LOG_VERIFIED("Access log verified");

    private final String label;

    AccessAction(String label) {
        this.label = label;
    }

    /** A short description in the newsroom's words, for the audit pages. */
    public String label() {
        return label;
    }
}
