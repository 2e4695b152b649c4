package org.leakdesk.workflow;

/** An editor's decision on a case. Never taken by the person who triaged it. */
public sealed interface EditorialDecision {

    /** Go ahead: prepare publication. */
    record Publish() implements EditorialDecision {}

    /** Do not publish: the case ends here. */
    record Reject() implements EditorialDecision {}
}
