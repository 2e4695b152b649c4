package org.leakdesk.workflow.internal;

/** Names in {@code leak-review.bpmn}: the process key and its variables. None of them holds content. */
final class ProcessVariables {

    static final String PROCESS_KEY = "leak-review";
    static final String SUBMISSION_ID = "submissionId";
    static final String DOCUMENTS_UNPARSEABLE = "documentsUnparseable";
    static final String DOCUMENTS_WITH_FINDINGS = "documentsWithFindings";
    /** The name of the triage's {@code TriageDecision.Outcome}. */
    static final String TRIAGE = "triage";
    /** The name of the last editorial decision's {@code EditorialDecision.Outcome}. */
    static final String DECISION = "decision";
    /** When a held case comes back to the editors (a {@code java.util.Date}). */
    static final String HOLD_UNTIL = "holdUntil";
    /** When a rejected case is destroyed (a {@code java.util.Date}). */
    static final String DESTROY_AT = "destroyAt";
    /** The multi-instance element variable: the verification request one instance waits for. */
    static final String VERIFICATION_REQUEST_ID = "verificationRequestId";
    /** The message an answer is correlated with, to the wait whose {@link #ANSWERS_REQUEST} matches. */
    static final String ANSWER_MESSAGE = "verificationAnswered";
    /** The local variable of "Wait for the answer": the request it waits for. */
    static final String ANSWERS_REQUEST = "answersRequest";

    private ProcessVariables() {}
}
