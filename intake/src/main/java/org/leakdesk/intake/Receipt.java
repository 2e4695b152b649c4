package org.leakdesk.intake;

import java.util.UUID;

/**
 * What a source gets back: the codename that lets them come back. The codename is shown once
 * and stored only as an Argon2id hash; {@link #toString()} never prints it.
 *
 * @param submissionId the stored submission
 * @param codename seven words from the EFF large wordlist, separated by spaces
 * @param fileCount how many documents were stored
 * @param messageCut true when the message was longer than the limit and came after the files:
 *     its first {@link UploadLimits#maxMessageLength()} characters were kept, and the source
 *     must be told
 */
public record Receipt(UUID submissionId, String codename, int fileCount, boolean messageCut) {

    /** A receipt for a submission whose message, if any, was kept whole. */
    public Receipt(UUID submissionId, String codename, int fileCount) {
        this(submissionId, codename, fileCount, false);
    }

    @Override
    public String toString() {
        return "Receipt[submissionId=" + submissionId + ", codename=(hidden), fileCount=" + fileCount + ", messageCut="
                + messageCut + "]";
    }
}
