package org.leakdesk.workflow;

import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.StaffRole;

/** The kinds of work the review process hands to people. */
public enum TaskKind {
    TRIAGE("triage", "Triage", StaffRole.REVIEWER),
    PREPARE_VERIFICATION("prepareVerification", "Verification requests", StaffRole.REVIEWER),
    ASSESSMENT("assessVerification", "Assessment of the verification", StaffRole.REVIEWER),
    EDITORIAL_DECISION("editorialDecision", "Editorial decision", StaffRole.EDITOR);

    private final String activityId;
    private final String label;
    private final StaffRole role;

    TaskKind(String activityId, String label, StaffRole role) {
        this.activityId = activityId;
        this.label = label;
        this.role = role;
    }

    /** The user task's id in {@code leak-review.bpmn}. */
    public String activityId() {
        return activityId;
    }

    /** What the newsroom calls it. */
    public String label() {
        return label;
    }

    /** Who may claim it. */
    public StaffRole role() {
        return role;
    }

    /** The kind of a process activity, or null if it is not a user task of ours. */
    public static @Nullable TaskKind ofActivity(String activityId) {
        for (TaskKind kind : values()) {
            if (kind.activityId.equals(activityId)) {
                return kind;
            }
        }
        return null;
    }
}
