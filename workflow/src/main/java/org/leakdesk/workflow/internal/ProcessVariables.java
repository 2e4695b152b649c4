package org.leakdesk.workflow.internal;

/** Names in {@code leak-review.bpmn}: the process key and its variables. None of them holds content. */
final class ProcessVariables {

    static final String PROCESS_KEY = "leak-review";
    static final String SUBMISSION_ID = "submissionId";
    static final String FILE_COUNT = "fileCount";
    static final String DOCUMENTS_EXTRACTED = "documentsExtracted";
    static final String DOCUMENTS_UNPARSEABLE = "documentsUnparseable";
    static final String TRIAGE = "triage";
    static final String TRIAGED_BY = "triagedBy";
    static final String DECISION = "decision";
    static final String DECIDED_BY = "decidedBy";

    private ProcessVariables() {}
}
