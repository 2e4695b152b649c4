package org.leakdesk.intake;

/** Receives submissions from sources. */
public interface SubmissionIntake {

    /** Starts a new submission. Always close the draft, committed or not. */
    SubmissionDraft begin();

    /** The limits uploads are held to, for telling sources before they upload. */
    UploadLimits limits();
}
