package org.leakdesk.intake;

import java.util.UUID;

/**
 * What a source gets back: the codename that lets them come back. The codename is shown once
 * and stored only as an Argon2id hash; {@link #toString()} never prints it.
 *
 * @param submissionId the stored submission
 * @param codename seven words from the EFF large wordlist, separated by spaces
 * @param fileCount how many documents were stored
 */
public record Receipt(UUID submissionId, String codename, int fileCount) {

    @Override
    public String toString() {
        return "Receipt[submissionId=" + submissionId + ", codename=(hidden), fileCount=" + fileCount + "]";
    }
}
