/**
 * The review process: the Camunda 7 engine, {@code leak-review.bpmn}, its listeners, the worker
 * that extracts metadata outside the engine's transactions, and the case work API the staff
 * interface uses (inbox, claim, typed decisions, case status). Nothing outside this module
 * imports Camunda classes.
 */
@NullMarked
@ApplicationModule(
        displayName = "Workflow",
        allowedDependencies = {"infra", "intake"})
package org.leakdesk.workflow;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
