package org.leakdesk.review.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The fresh check before a document leaves the desk: the member's password and a new code from
 * their authenticator, throttled and logged like a sign-in (see {@link StaffSignIn#confirm}).
 * It holds for {@code leakdesk.staff.session.fresh-check-validity}.
 */
@Controller
@ServedOn(Face.STAFF)
class FreshCheckController {

    private final StaffSignIn signIn;
    private final FreshChecks checks;
    private final SignedInSessions sessions;
    private final StaffSessionProperties settings;

    FreshCheckController(
            StaffSignIn signIn, FreshChecks checks, SignedInSessions sessions, StaffSessionProperties settings) {
        this.signIn = signIn;
        this.checks = checks;
        this.sessions = sessions;
        this.settings = settings;
    }

    @GetMapping("/confirm")
    String form(@RequestParam(defaultValue = "/") String next, StaffMember member, Model model) {
        model.addAttribute("next", FreshChecks.localPath(next));
        model.addAttribute(
                "validityMinutes", Math.max(1, settings.freshCheckValidity().toMinutes()));
        return "review/confirm";
    }

    @PostMapping("/confirm")
    String confirm(
            @RequestParam String password,
            @RequestParam String code,
            @RequestParam(defaultValue = "/") String next,
            StaffMember member,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        SignInStep step = signIn.confirm(member.username(), password, code.trim());
        if (step instanceof SignInStep.SignedIn) {
            checks.passed(request.getSession());
            return "redirect:" + FreshChecks.localPath(next);
        }
        if (step instanceof SignInStep.Refused refused && refused.startOver()) {
            sessions.end(request);
            return "redirect:/login?ended";
        }
        response.setStatus(
                step instanceof SignInStep.Busy
                        ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                        : HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("busy", step instanceof SignInStep.Busy);
        model.addAttribute("wrong", !(step instanceof SignInStep.Busy));
        return form(next, member, model);
    }
}
