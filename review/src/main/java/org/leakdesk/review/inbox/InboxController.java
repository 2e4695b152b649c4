package org.leakdesk.review.inbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InboxFilter;
import org.leakdesk.workflow.InboxPage;
import org.leakdesk.workflow.InboxSort;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.TaskKind;
import org.springframework.format.annotation.DateTimeFormat;
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

    /**
     * A tab of the inbox, filtered by stage, findings and verification due date, sorted, one page
     * at a time, with the count of each tab. Everything is chosen in the address (a plain GET form),
     * so it works without JavaScript and can be bookmarked.
     */
    @GetMapping("/inbox")
    String inbox(
            @RequestParam(defaultValue = "ALL") InboxTab tab,
            @RequestParam(required = false) @Nullable TaskKind stage,
            @RequestParam(defaultValue = "false") boolean findings,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate due,
            @RequestParam(required = false) @Nullable InboxSort sort,
            @RequestParam(defaultValue = "0") int page,
            StaffMember member,
            Model model) {
        // A date means "due by the end of that day" (UTC, as the desk's times are shown).
        Instant dueBefore = due == null
                ? null
                : due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        InboxSort order = sort != null ? sort : InboxLinks.defaultSort(tab);
        InboxFilter filter = new InboxFilter(tab, stage, findings, dueBefore, order);
        InboxPage tasks = inbox.inbox(member, filter, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("page", tasks);
        model.addAttribute("tasks", tasks.tasks());
        model.addAttribute("waitingTab", tab == InboxTab.WAITING);
        model.addAttribute("filter", filter);
        model.addAttribute("due", due);
        model.addAttribute("links", new InboxLinks(tab, stage, findings, due, order));
        model.addAttribute("tabs", tabsOf(member));
        model.addAttribute("stages", TaskKind.values());
        model.addAttribute("sorts", InboxSort.values());
        model.addAttribute("now", Instant.now());
        model.addAttribute("stuck", inbox.stuck(member));
        model.addAttribute("me", member.username());
        return "review/inbox";
    }

    /** Decisions for editors; cases waiting for outside verification for reviewers, who can record answers. */
    private static List<InboxTab> tabsOf(StaffMember member) {
        List<InboxTab> tabs = new ArrayList<>(List.of(InboxTab.ALL, InboxTab.MINE, InboxTab.CLAIMABLE));
        if (member.has(StaffRole.EDITOR)) {
            tabs.add(InboxTab.DECISIONS);
        }
        if (member.has(StaffRole.REVIEWER)) {
            tabs.add(InboxTab.WAITING);
        }
        return tabs;
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
