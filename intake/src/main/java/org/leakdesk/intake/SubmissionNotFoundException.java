package org.leakdesk.intake;

import java.util.UUID;

/** No submission has that id (or it was destroyed). */
public class SubmissionNotFoundException extends RuntimeException {

    public SubmissionNotFoundException(UUID submissionId) {
        super("No submission " + submissionId);
    }
}
