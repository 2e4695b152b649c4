package org.leakdesk.workflow;

/** How a reviewer closes triage. */
public sealed interface TriageDecision {

    /** The documents look worth pursuing: an editor decides. */
    record SendToEditor() implements TriageDecision {}

    /** Not worth pursuing: the case ends here. */
    record Reject() implements TriageDecision {}
}
