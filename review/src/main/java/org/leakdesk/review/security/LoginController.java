package org.leakdesk.review.security;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the staff home, which sends each role to its own starting page. */
@Controller
@ServedOn(Face.STAFF)
class LoginController {

    private final StaffSessionProperties sessions;

    LoginController(StaffSessionProperties sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("idleMinutes", sessions.idleTimeout().toMinutes());
        model.addAttribute("absoluteHours", sessions.absoluteTimeout().toHours());
        return "review/login";
    }

    @GetMapping("/")
    String home(StaffMember member) {
        if (member.has(StaffRole.REVIEWER) || member.has(StaffRole.EDITOR)) {
            return "redirect:/inbox";
        }
        if (member.has(StaffRole.AUDITOR)) {
            return "redirect:/audit";
        }
        if (member.has(StaffRole.ADMIN)) {
            return "redirect:/admin/accounts";
        }
        return "review/no-role";
    }
}
