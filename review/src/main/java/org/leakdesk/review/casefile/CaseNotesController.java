package org.leakdesk.review.casefile;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.CaseNotes;
import org.leakdesk.workflow.InvalidEntryException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The desk's internal notes and the labels of the case page. */
@Controller
@ServedOn(Face.STAFF)
class CaseNotesController {

    private final CaseNotes notes;
    private final CasePage page;

    CaseNotesController(CaseNotes notes, CasePage page) {
        this.notes = notes;
        this.page = page;
    }

    @PostMapping("/cases/{caseId}/notes")
    String note(@PathVariable UUID caseId, @RequestParam(defaultValue = "") String text, StaffMember member) {
        notes.addNote(caseId, member, text);
        return "redirect:/cases/" + caseId + "#notes";
    }

    @PostMapping("/cases/{caseId}/labels")
    String label(@PathVariable UUID caseId, @RequestParam(defaultValue = "") String label, StaffMember member) {
        notes.addLabel(caseId, member, label);
        return "redirect:/cases/" + caseId + "#notes";
    }

    @PostMapping("/cases/{caseId}/labels/remove")
    String unlabel(@PathVariable UUID caseId, @RequestParam(defaultValue = "") String label, StaffMember member) {
        notes.removeLabel(caseId, member, label);
        return "redirect:/cases/" + caseId + "#notes";
    }

    /** An empty or odd note or label: the case page again, with the message and what was typed. */
    @ExceptionHandler(InvalidEntryException.class)
    String showAgain(
            InvalidEntryException e,
            StaffMember member,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return page.showAgain(e, member, request, response, model);
    }
}
