package org.leakdesk.workflow;

import java.util.Objects;

/**
 * A step of the review process a case stands at now, as {@code leak-review.bpmn} names it: what
 * the case page highlights in the process diagram and writes out for readers without JavaScript.
 *
 * @param activityId the step's id in the process diagram
 * @param name the step's name in the diagram (its id when it has none)
 * @param instances how many times it runs at once (one per outside party while waiting for answers)
 */
public record CurrentStep(String activityId, String name, int instances) {

    public CurrentStep {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(name, "name");
        if (instances < 1) {
            throw new IllegalArgumentException("a current step runs at least once");
        }
    }
}
