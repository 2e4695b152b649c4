package org.leakdesk.workflow;

import org.leakdesk.infra.AccessAction;

/** The access log actions of the review process: claims, completed tasks and decisions. */
public enum WorkflowAccessAction implements AccessAction {
    TASK_CLAIMED("Task claimed"),
    TASK_UNCLAIMED("Task given back"),
    TRIAGE_COMPLETED("Triage completed"),
    VERIFICATION_REQUEST_WRITTEN("Verification request written"),
    VERIFICATION_REQUEST_REMOVED("Verification request removed before sending"),
    VERIFICATION_REQUESTS_SENT("Verification requests sent (links issued)"),
    VERIFICATION_LINK_REISSUED("Verifier link replaced"),
    VERIFICATION_LINK_OPENED("Verifier link opened (question decrypted)"),
    VERIFICATION_ANSWERED("Verification answer recorded"),
    VERIFICATION_REMINDER_DUE("Verification request at half time: reminder due"),
    VERIFICATION_NO_ANSWER("Verification request ran out without an answer"),
    VERIFICATION_READ("Verification requests and assessments decrypted"),
    VERIFICATION_ASSESSED("Verification assessed"),
    EDITORIAL_DECISION("Editorial decision"),
    PUBLICATION_PACKAGE_MADE("Publication package prepared (documents decrypted by the system)"),
    PUBLICATION_PACKAGE_DOWNLOADED("Publication package downloaded (decrypted)"),
    CASE_DESTROYED("Case destroyed under the retention policy (keys deleted)"),
    NOTE_WRITTEN("Internal note written"),
    NOTES_READ("Internal notes decrypted"),
    LABEL_ADDED("Label added"),
    LABEL_REMOVED("Label removed"),
    STEP_RETRIED("Failed step retried by an administrator");

    private final String label;

    WorkflowAccessAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
