package org.leakdesk.intake.internal;

import java.util.UUID;

/** The object references every intake ciphertext is bound to; one place so reads match writes. */
final class FileRefs {

    private FileRefs() {}

    static String content(UUID fileId) {
        return "submission-file:" + fileId;
    }

    static String manifest(UUID fileId) {
        return "submission-file-manifest:" + fileId;
    }

    static String metadata(UUID fileId) {
        return "submission-file-metadata:" + fileId;
    }

    static String text(UUID fileId) {
        return "submission-file-text:" + fileId;
    }

    static String scrubbed(UUID fileId) {
        return "submission-file-scrubbed:" + fileId;
    }

    static String scrubbedManifest(UUID fileId) {
        return "submission-file-scrubbed-manifest:" + fileId;
    }

    static String message(UUID submissionId) {
        return "submission-message:" + submissionId;
    }
}
