package org.leakdesk.intake;

import org.leakdesk.infra.AccessAction;

/**
 * The access log actions of the intake module: arrivals and follow-ups, replies to sources, every
 * decryption of a case's content, and the blob sweeper's removals.
 */
public enum IntakeAccessAction implements AccessAction {
    SUBMISSION_RECEIVED("Submission received"),
    METADATA_EXTRACTED("Metadata extracted (decrypted by the system)"),
    SCRUBBED_COPY_MADE("Scrubbed copy made (document decrypted)"),
    SCRUBBED_COPY_READ("Scrubbed copy read (decrypted)"),
    CASE_VIEWED("Case opened (documents' details decrypted)"),
    FOLLOW_UP_RECEIVED("Follow-up received from the source"),
    REPLY_SENT("Reply to the source written (encrypted to the source and the newsroom)"),
    REPLY_READ_BY_SOURCE("Reply read by the source (decrypted with the source's key)"),
    REPLY_DELETED_BY_SOURCE("Reply deleted by the source (the source's copy destroyed)"),
    CORRESPONDENCE_READ("Replies and follow-ups read (decrypted)"),
    DOCUMENT_EXPORTED("Document exported to a journalist's key (decrypted)"),
    DOCUMENT_DOWNLOADED("Original document downloaded (decrypted)"),
    BLOBS_SWEPT("Blob store swept of blobs no case refers to (nothing decrypted)");

    private final String label;

    IntakeAccessAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
