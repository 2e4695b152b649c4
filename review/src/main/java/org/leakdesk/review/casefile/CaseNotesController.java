package org.leakdesk.review.casefile;

import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.CaseNotes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The desk's internal notes and the labels of the case page. */
@Controller
@ServedOn(Face.STAFF)
class CaseNotesController extends CaseForms {

    private final CaseNotes notes;

    CaseNotesController(CaseNotes notes, CasePage page) {
        super(page);
        this.notes = notes;
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
}
