package org.leakdesk.workflow;

import org.leakdesk.infra.AccessAction;

/** The access log actions of the review process: claims, completed tasks and decisions. */
public enum WorkflowAccessAction implements AccessAction {
    TASK_CLAIMED("Task claimed"),
    TRIAGE_COMPLETED("Triage completed"),
    EDITORIAL_DECISION("Editorial decision");

    private final String label;

    WorkflowAccessAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
