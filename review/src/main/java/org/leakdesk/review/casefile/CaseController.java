package org.leakdesk.review.casefile;

import java.util.UUID;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.Submissions;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.TriageDecision;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page: the documents' details and metadata (decrypted for this view, which the access
 * log records) and the triage or decision form when the member holds that task.
 */
@Controller
@ServedOn(Face.STAFF)
class CaseController {

    private final CaseWork work;
    private final Submissions submissions;
    private final ScrubbedCopies scrubbedCopies;

    CaseController(CaseWork work, Submissions submissions, ScrubbedCopies scrubbedCopies) {
        this.work = work;
        this.submissions = submissions;
        this.scrubbedCopies = scrubbedCopies;
    }

    @GetMapping("/cases/{caseId}")
    String show(@PathVariable UUID caseId, StaffMember member, Model model) {
        // Visibility first: nothing is decrypted (or logged as viewed) for a case the member was not given.
        CaseStatus status = work.status(caseId, member);
        CaseDocuments documents = submissions.read(caseId, member.username());
        InboxTask mine = status.taskClaimedBy(member.username());
        InboxTask claimable = status.taskClaimableBy(member);
        model.addAttribute("status", status);
        model.addAttribute("documents", documents);
        model.addAttribute("myTask", mine);
        model.addAttribute("claimable", claimable);
        model.addAttribute("me", member.username());
        return "review/case";
    }

    /** Only whoever holds the case's open task may decrypt a document to scrub it. */
    @PostMapping("/cases/{caseId}/documents/{fileId}/scrubbed-copy")
    String scrub(
            @PathVariable UUID caseId, @PathVariable UUID fileId, StaffMember member, RedirectAttributes redirect) {
        CaseStatus status = work.status(caseId, member);
        if (status.taskClaimedBy(member.username()) == null) {
            throw new NotPermittedException("Claim this case's task before making a scrubbed copy of its documents.");
        }
        ScrubbedCopies.ScrubOutcome outcome = scrubbedCopies.make(caseId, fileId, member.username());
        if (outcome instanceof ScrubbedCopies.NotPossible refused) {
            redirect.addFlashAttribute("scrubRefused", refused.reason());
            redirect.addFlashAttribute("scrubRefusedFile", fileId);
        }
        return "redirect:/cases/" + caseId + "#document-" + fileId;
    }

    @PostMapping("/tasks/{taskId}/triage")
    String triage(
            @PathVariable String taskId, @RequestParam String decision, @RequestParam UUID caseId, StaffMember member) {
        TriageDecision choice = switch (decision) {
            case "SEND_TO_EDITOR" -> new TriageDecision.SendToEditor();
            case "REJECT" -> new TriageDecision.Reject();
            default ->
                throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "Unknown decision");
        };
        work.completeTriage(taskId, member, choice);
        return "redirect:/cases/" + caseId + "?done=triage";
    }

    @PostMapping("/tasks/{taskId}/decision")
    String decide(
            @PathVariable String taskId, @RequestParam String decision, @RequestParam UUID caseId, StaffMember member) {
        EditorialDecision choice = switch (decision) {
            case "PUBLISH" -> new EditorialDecision.Publish();
            case "REJECT" -> new EditorialDecision.Reject();
            default ->
                throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "Unknown decision");
        };
        work.decide(taskId, member, choice);
        return "redirect:/cases/" + caseId + "?done=decision";
    }
}
