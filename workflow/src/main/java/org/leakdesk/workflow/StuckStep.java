package org.leakdesk.workflow;

import java.time.Instant;
import java.util.UUID;

/**
 * A step of a case that failed its last retry (an incident) and waits for an administrator.
 *
 * @param incidentId pass back to retry
 * @param caseId the case it holds up
 * @param step the step, in the newsroom's words
 * @param failure the kind of failure (an exception class name; never content)
 * @param since when it got stuck
 */
public record StuckStep(String incidentId, UUID caseId, String step, String failure, Instant since) {}
