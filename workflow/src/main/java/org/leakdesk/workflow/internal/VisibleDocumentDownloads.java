package org.leakdesk.workflow.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.DocumentExports;
import org.leakdesk.workflow.DocumentDownloads;
import org.springframework.stereotype.Component;

/** Downloads for members the case queries let see the case; intake decrypts and logs. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class VisibleDocumentDownloads implements DocumentDownloads {

    private final CaseQueries queries;
    private final DocumentExports exports;

    VisibleDocumentDownloads(CaseQueries queries, DocumentExports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @Override
    public DocumentExports.Exported original(
            UUID caseId, UUID fileId, StaffMember member, DocumentExports.Destination destination) throws IOException {
        queries.requireVisible(caseId, member);
        return exports.download(caseId, fileId.toString(), member.username(), destination);
    }

    @Override
    public DocumentExports.Exported encryptedTo(
            UUID caseId, UUID fileId, String fingerprint, StaffMember member, OutputStream out) throws IOException {
        queries.requireVisible(caseId, member);
        return exports.export(caseId, fileId.toString(), fingerprint, member.username(), out);
    }
}
