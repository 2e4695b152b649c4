package org.leakdesk.intake;

import org.leakdesk.infra.AccessAction;

/** The access log actions of the intake module: arrivals, and every decryption of a case's content. */
public enum IntakeAccessAction implements AccessAction {
    SUBMISSION_RECEIVED("Submission received"),
    METADATA_EXTRACTED("Metadata extracted (decrypted by the system)"),
    SCRUBBED_COPY_MADE("Scrubbed copy made (document decrypted)"),
    SCRUBBED_COPY_READ("Scrubbed copy read (decrypted)"),
    CASE_VIEWED("Case opened (documents' details decrypted)");

    private final String label;

    IntakeAccessAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
