package org.leakdesk.review.inbox;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InboxTask;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The task inbox of reviewers and editors, and claiming a task from it. */
@Controller
@ServedOn(Face.STAFF)
class InboxController {

    private final CaseWork work;

    InboxController(CaseWork work) {
        this.work = work;
    }

    @GetMapping("/inbox")
    String inbox(StaffMember member, Model model) {
        model.addAttribute("tasks", work.inbox(member));
        model.addAttribute("me", member.username());
        return "review/inbox";
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claim(@PathVariable String taskId, StaffMember member) {
        InboxTask task = work.claim(taskId, member);
        return "redirect:/cases/" + task.caseId();
    }
}
