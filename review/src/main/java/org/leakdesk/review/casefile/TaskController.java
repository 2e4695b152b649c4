package org.leakdesk.review.casefile;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.Recommendation;
import org.leakdesk.workflow.TriageDecision;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forms of the tasks that close a step: triage, assessment and the editorial decision. The
 * outcomes arrive as enum names and are bound by Spring's enum conversion; the typed decision is
 * made by the workflow's own factory, which also says what is missing.
 */
@Controller
@ServedOn(Face.STAFF)
class TaskController extends CaseForms {

    private final CaseWork work;

    TaskController(CaseWork work, CasePage page) {
        super(page);
        this.work = work;
    }

    @PostMapping("/tasks/{taskId}/triage")
    String triage(
            @PathVariable String taskId,
            @RequestParam UUID caseId,
            @RequestParam TriageDecision.Outcome outcome,
            @RequestParam(required = false) @Nullable String reason,
            StaffMember member) {
        work.completeTriage(taskId, member, TriageDecision.of(outcome, reason));
        return "redirect:/cases/" + caseId + "?done=triage";
    }

    @PostMapping("/tasks/{taskId}/assessment")
    String assess(
            @PathVariable String taskId,
            @RequestParam UUID caseId,
            @RequestParam Recommendation recommendation,
            @RequestParam(required = false) @Nullable String summary,
            StaffMember member) {
        work.assess(taskId, member, Assessment.of(recommendation, summary == null ? "" : summary));
        return "redirect:/cases/" + caseId + "?done=assessment";
    }

    @PostMapping("/tasks/{taskId}/decision")
    String decide(
            @PathVariable String taskId,
            @RequestParam UUID caseId,
            @RequestParam EditorialDecision.Outcome outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate until,
            @RequestParam(required = false) @Nullable String note,
            StaffMember member) {
        work.decide(taskId, member, EditorialDecision.of(outcome, until, note));
        return "redirect:/cases/" + caseId + "?done=decision";
    }
}
