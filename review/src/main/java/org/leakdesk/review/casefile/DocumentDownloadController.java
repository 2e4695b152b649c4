package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.review.security.AfterFreshCheck;
import org.leakdesk.review.web.Display;
import org.leakdesk.review.web.Download;
import org.leakdesk.workflow.DocumentDownloads;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A document leaves the desk only after a fresh password and code check: as it is (an attachment
 * the browser never renders: {@link Download}), or as an OpenPGP file to a journalist's own key for
 * the air-gapped machine. Who may see the case decides who may download it.
 */
@Controller
@ServedOn(Face.STAFF)
class DocumentDownloadController {

    private final DocumentDownloads downloads;
    private final Display display;

    DocumentDownloadController(DocumentDownloads downloads, Display display) {
        this.downloads = downloads;
        this.display = display;
    }

    @AfterFreshCheck
    @GetMapping("/cases/{caseId}/documents/{fileId}/original")
    void original(
            @PathVariable UUID caseId, @PathVariable UUID fileId, StaffMember member, HttpServletResponse response)
            throws IOException {
        downloads.original(
                caseId, fileId, member, fileName -> Download.of(response, "application/octet-stream", fileName));
    }

    @AfterFreshCheck
    @GetMapping("/cases/{caseId}/documents/{fileId}/encrypted")
    void encrypted(
            @PathVariable UUID caseId,
            @PathVariable UUID fileId,
            @RequestParam("key") String fingerprint,
            StaffMember member,
            HttpServletResponse response)
            throws IOException {
        String fileName = "leakdesk-case-" + display.caseRef(caseId) + "-document-"
                + fileId.toString().substring(0, 8) + ".gpg";
        downloads.encryptedTo(
                caseId, fileId, fingerprint, member, Download.of(response, "application/pgp-encrypted", fileName));
    }
}
