package org.leakdesk.workflow;

import java.time.Instant;

/**
 * A decision taken on a case, as the case page and the provenance report list it.
 *
 * @param step "Triage" or "Editorial decision"
 * @param outcome what was decided, in the newsroom's words
 * @param note the reason, hold date or what needs verifying; "" for none
 * @param decidedBy who
 * @param decidedAt when
 */
public record DecisionRecord(String step, String outcome, String note, String decidedBy, Instant decidedAt) {}
