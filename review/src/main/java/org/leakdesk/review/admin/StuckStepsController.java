package org.leakdesk.review.admin;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.StuckSteps;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Steps that failed their last retry, for admins, who can give them another go (never see content). */
@Controller
@ServedOn(Face.STAFF)
class StuckStepsController {

    private final StuckSteps steps;

    StuckStepsController(StuckSteps steps) {
        this.steps = steps;
    }

    @GetMapping("/admin/stuck")
    String list(StaffMember admin, Model model) {
        model.addAttribute("steps", steps.list(admin));
        return "review/stuck";
    }

    @PostMapping("/admin/stuck/{incidentId}/retry")
    String retry(@PathVariable String incidentId, StaffMember admin) {
        steps.retry(incidentId, admin);
        return "redirect:/admin/stuck?retried";
    }
}
