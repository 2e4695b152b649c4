package org.leakdesk.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.DocumentExports;

/**
 * A case's documents taken off the desk by a member who may see the case (the same rule as the
 * case page: {@link CaseInbox#status}), each written to the access log before it is decrypted.
 * The web layer asks for a fresh password and code check before it calls these.
 */
public interface DocumentDownloads {

    /**
     * The original document, decrypted.
     *
     * @throws CaseNotVisibleException unless the member may see the case
     * @throws org.leakdesk.intake.SubmissionNotFoundException if the case has no such document
     * @throws org.leakdesk.intake.SubmissionShreddedException if its documents were destroyed
     */
    DocumentExports.Exported original(
            UUID caseId, UUID fileId, StaffMember member, DocumentExports.Destination destination) throws IOException;

    /**
     * The document as an OpenPGP file (SEIPD v1) encrypted to a journalist's key, for an
     * air-gapped machine.
     *
     * @throws CaseNotVisibleException unless the member may see the case
     * @throws org.leakdesk.infra.UnknownJournalistKeyException if no journalist key has that fingerprint
     * @throws org.leakdesk.intake.SubmissionNotFoundException if the case has no such document
     */
    DocumentExports.Exported encryptedTo(
            UUID caseId, UUID fileId, String fingerprint, StaffMember member, OutputStream out) throws IOException;
}
