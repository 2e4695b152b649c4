package org.leakdesk.review.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffSignIn;
import org.leakdesk.infra.TotpEnrolment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of sign-in, for a member whose password was just accepted: a code from their
 * authenticator app or a recovery code; or, for an account without an authenticator, enrolment
 * (a QR code and the secret as text, confirmed by a first code), after which the new recovery
 * codes are shown once. Only a {@link PendingSignIn} reaches these pages.
 */
@Controller
@ServedOn(Face.STAFF)
class SecondFactorController {

    /**
     * The secret offered for enrolment waits in the session until it is confirmed, sealed under
     * the authenticator key ({@link StaffSignIn#sealEnrolment}): the session is in the database.
     */
    static final String ENROLMENT = SecondFactorController.class.getName() + ".ENROLMENT";

    private final StaffSignIn signIn;
    private final SignedInSessions sessions;

    SecondFactorController(StaffSignIn signIn, SignedInSessions sessions) {
        this.signIn = signIn;
        this.sessions = sessions;
    }

    @GetMapping("/login/code")
    String codeForm(HttpServletRequest request) {
        PendingSignIn pending = pending();
        if (sessions.tooLate(pending)) {
            return startOver(request, "expired");
        }
        return pending.enrolled() ? "review/sign-in-code" : "redirect:/login/enrol";
    }

    @PostMapping("/login/code")
    String code(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingSignIn pending = pending();
        if (sessions.tooLate(pending)) {
            return startOver(request, "expired");
        }
        return next(signIn.checkCode(pending.username(), code), "/login/code?wrong", request, response, model);
    }

    @PostMapping("/login/recovery")
    String recovery(
            @RequestParam String recoveryCode, HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingSignIn pending = pending();
        if (sessions.tooLate(pending)) {
            return startOver(request, "expired");
        }
        return next(
                signIn.useRecoveryCode(pending.username(), recoveryCode),
                "/login/code?wrongrecovery",
                request,
                response,
                model);
    }

    @GetMapping("/login/enrol")
    String enrolForm(HttpServletRequest request, Model model) {
        PendingSignIn pending = pending();
        if (pending.enrolled()) {
            return "redirect:/login/code";
        }
        if (sessions.tooLate(pending)) {
            return startOver(request, "expired");
        }
        model.addAttribute("enrolment", enrolment(pending, request.getSession()));
        return "review/sign-in-enrol";
    }

    /** The QR code of the secret on offer; same origin, so the strict content security policy holds. */
    @GetMapping("/login/enrol/qr.png")
    ResponseEntity<byte[]> qrCode(HttpServletRequest request) {
        PendingSignIn pending = pending();
        if (pending.enrolled()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .body(QrCode.png(enrolment(pending, request.getSession()).uri()));
    }

    @PostMapping("/login/enrol")
    String enrol(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingSignIn pending = pending();
        if (pending.enrolled()) {
            return "redirect:/login/code";
        }
        if (sessions.tooLate(pending)) {
            return startOver(request, "expired");
        }
        TotpEnrolment enrolment = enrolment(pending, request.getSession());
        return next(signIn.completeEnrolment(enrolment, code), "/login/enrol?wrong", request, response, model);
    }

    private String next(
            SignInStep step, String retry, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (step instanceof SignInStep.SignedIn signedIn) {
            request.getSession().removeAttribute(ENROLMENT);
            sessions.establish(signedIn, request, response);
            if (signedIn.recoveryCodes().isEmpty()) {
                return "redirect:/";
            }
            // Shown in this one answer (never cached: staff pages are no-store), kept nowhere in clear.
            model.addAttribute("recoveryCodes", signedIn.recoveryCodes());
            return "review/recovery-codes";
        }
        if (step instanceof SignInStep.Refused refused && refused.startOver()) {
            return startOver(request, "error");
        }
        return "redirect:" + retry;
    }

    private TotpEnrolment enrolment(PendingSignIn pending, HttpSession session) {
        if (session.getAttribute(ENROLMENT) instanceof byte[] sealed) {
            Optional<TotpEnrolment> offered = signIn.openEnrolment(pending.username(), sealed);
            if (offered.isPresent()) {
                return offered.get();
            }
        }
        TotpEnrolment offered = signIn.beginEnrolment(pending.username());
        session.setAttribute(ENROLMENT, signIn.sealEnrolment(offered));
        return offered;
    }

    private String startOver(HttpServletRequest request, String why) {
        sessions.end(request);
        return "redirect:/login?" + why;
    }

    private static PendingSignIn pending() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof PendingSignIn pending) {
            return pending;
        }
        // The security chain lets only a pending sign-in in here.
        throw new IllegalStateException("No sign-in in progress");
    }
}
