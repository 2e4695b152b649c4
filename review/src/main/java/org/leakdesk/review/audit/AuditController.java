package org.leakdesk.review.audit;

import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessActions;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The access log for auditors: filter by person, action or case, and verify the hash chain. */
@Controller
@ServedOn(Face.STAFF)
class AuditController {

    static final int PAGE = 200;

    private final AccessLog accessLog;
    private final AccessActions actions;

    AuditController(AccessLog accessLog, AccessActions actions) {
        this.accessLog = accessLog;
        this.actions = actions;
    }

    @GetMapping("/audit")
    String log(
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(name = "case", required = false) @Nullable String caseId,
            Model model) {
        AccessLogQuery query = new AccessLogQuery(actor, actions.find(action), caseId, PAGE);
        model.addAttribute("entries", accessLog.entries(query));
        model.addAttribute("query", query);
        model.addAttribute("actions", actions.all());
        model.addAttribute("page", PAGE);
        return "review/audit";
    }

    @PostMapping("/audit/verify")
    String verify(StaffMember member, RedirectAttributes redirect) {
        ChainVerification verification = accessLog.verify();
        accessLog.recordNow(new AccessRecord(
                member.username(),
                InfraAccessAction.ACCESS_LOG_VERIFIED,
                null,
                verification.intact()
                        ? verification.entriesChecked() + " entries intact"
                        : "first bad entry " + verification.firstBadSequence()));
        redirect.addFlashAttribute("verification", verification);
        return "redirect:/audit";
    }
}
