package org.leakdesk.review.inbox;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InboxPage;
import org.leakdesk.workflow.InboxTask;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The task inbox of reviewers and editors with the cases held up by a failed step; claiming and giving back a task. */
@Controller
@ServedOn(Face.STAFF)
class InboxController {

    private final CaseInbox inbox;
    private final CaseWork work;

    InboxController(CaseInbox inbox, CaseWork work) {
        this.inbox = inbox;
        this.work = work;
    }

    static final int PAGE_SIZE = 50;

    @GetMapping("/inbox")
    String inbox(@RequestParam(defaultValue = "0") int page, StaffMember member, Model model) {
        InboxPage tasks = inbox.inbox(member, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("page", tasks);
        model.addAttribute("tasks", tasks.tasks());
        model.addAttribute("stuck", inbox.stuck(member));
        model.addAttribute("me", member.username());
        return "review/inbox";
    }

    @PostMapping("/tasks/{taskId}/claim")
    String claim(@PathVariable String taskId, StaffMember member) {
        InboxTask task = work.claim(taskId, member);
        return "redirect:/cases/" + task.caseId();
    }

    @PostMapping("/tasks/{taskId}/unclaim")
    String unclaim(@PathVariable String taskId, StaffMember member) {
        work.unclaim(taskId, member);
        return "redirect:/inbox";
    }
}
