package org.leakdesk.intake.internal;

import java.util.UUID;
import org.leakdesk.infra.ObjectRef;

/**
 * The object references every intake ciphertext is bound to; one place so reads match writes.
 * Each names its submission as the case, so an object moved to another submission does not
 * decrypt there.
 */
final class FileRefs {

    private FileRefs() {}

    static ObjectRef content(UUID submissionId, UUID fileId) {
        return new ObjectRef(submissionId, "submission-file:" + fileId);
    }

    static ObjectRef manifest(UUID submissionId, UUID fileId) {
        return new ObjectRef(submissionId, "submission-file-manifest:" + fileId);
    }

    static ObjectRef metadata(UUID submissionId, UUID fileId) {
        return new ObjectRef(submissionId, "submission-file-metadata:" + fileId);
    }

    static ObjectRef text(UUID submissionId, UUID fileId) {
        return new ObjectRef(submissionId, "submission-file-text:" + fileId);
    }

    static ObjectRef scrubbed(UUID submissionId, UUID fileId) {
        return new ObjectRef(submissionId, "submission-file-scrubbed:" + fileId);
    }

    static ObjectRef scrubbedManifest(UUID submissionId, UUID fileId) {
        return new ObjectRef(submissionId, "submission-file-scrubbed-manifest:" + fileId);
    }

    static ObjectRef message(UUID submissionId) {
        return new ObjectRef(submissionId, "submission-message:" + submissionId);
    }

    static ObjectRef followUpMessage(UUID submissionId, UUID followUpId) {
        return new ObjectRef(submissionId, "source-follow-up-message:" + followUpId);
    }

    /** Both copies of a reply (the source's and the newsroom's) are bound to this reference. */
    static ObjectRef reply(UUID submissionId, UUID replyId) {
        return new ObjectRef(submissionId, "source-reply:" + replyId);
    }
}
