package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.review.security.AfterFreshCheck;
import org.leakdesk.review.web.Display;
import org.leakdesk.review.web.Download;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.NotPermittedException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page (documents, verification, assessments, decisions and the form of the member's
 * task; decrypted for this view, which the access log records), scrubbed copies, and a
 * published case's publication package.
 */
@Controller
@ServedOn(Face.STAFF)
class CaseController {

    private final CasePage page;
    private final CaseInbox inbox;
    private final CaseWork work;
    private final ScrubbedCopies scrubbedCopies;
    private final Display display;
    private final MessageSource messages;

    CaseController(
            CasePage page,
            CaseInbox inbox,
            CaseWork work,
            ScrubbedCopies scrubbedCopies,
            Display display,
            MessageSource messages) {
        this.messages = messages;
        this.page = page;
        this.inbox = inbox;
        this.work = work;
        this.scrubbedCopies = scrubbedCopies;
        this.display = display;
    }

    @GetMapping("/cases/{caseId}")
    String show(@PathVariable UUID caseId, StaffMember member, Model model, HttpServletResponse response) {
        return page.render(caseId, member, model, response);
    }

    /** Only whoever holds the case's open task may decrypt a document to scrub it. */
    @PostMapping("/cases/{caseId}/documents/{fileId}/scrubbed-copy")
    String scrub(
            @PathVariable UUID caseId,
            @PathVariable UUID fileId,
            StaffMember member,
            Locale locale,
            RedirectAttributes redirect) {
        if (inbox.status(caseId, member).taskClaimedBy(member.username()) == null) {
            throw new NotPermittedException(messages.getMessage("case.scrubbed.claim-first", null, locale));
        }
        ScrubbedCopies.ScrubOutcome outcome = scrubbedCopies.make(caseId, fileId, member.username());
        if (outcome instanceof ScrubbedCopies.NotPossible refused) {
            redirect.addFlashAttribute("scrubRefused", refused.reason());
            redirect.addFlashAttribute("scrubRefusedFile", fileId);
        }
        return "redirect:/cases/" + caseId + "#document-" + fileId;
    }

    @AfterFreshCheck
    @GetMapping("/cases/{caseId}/publication-package")
    void publicationPackage(@PathVariable UUID caseId, StaffMember member, HttpServletResponse response)
            throws IOException {
        String fileName = "leakdesk-case-" + display.caseRef(caseId) + "-publication.zip";
        work.writePublicationPackage(caseId, member, Download.of(response, "application/zip", fileName));
    }
}
