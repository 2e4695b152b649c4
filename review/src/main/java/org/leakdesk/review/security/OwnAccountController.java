package org.leakdesk.review.security;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A signed-in member's own account: their roles, how many recovery codes they have left, and new
 * recovery codes in exchange for a code from their authenticator (the old ones stop working).
 */
@Controller
@ServedOn(Face.STAFF)
class OwnAccountController {

    private final StaffAccounts accounts;
    private final StaffSignIn signIn;

    OwnAccountController(StaffAccounts accounts, StaffSignIn signIn) {
        this.accounts = accounts;
        this.signIn = signIn;
    }

    @GetMapping("/account")
    String account(StaffMember member, Model model) {
        model.addAttribute(
                "account",
                accounts.accounts().stream()
                        .filter(a -> a.username().equals(member.username()))
                        .findFirst()
                        .orElseThrow());
        return "review/own-account";
    }

    @PostMapping("/account/recovery-codes")
    String newRecoveryCodes(@RequestParam String code, StaffMember member, HttpServletResponse response, Model model) {
        Optional<List<String>> codes = signIn.replaceRecoveryCodes(member.username(), code.trim());
        if (codes.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("wrongCode", true);
            return account(member, model);
        }
        // Shown in this one answer (staff pages are no-store), kept nowhere in clear.
        model.addAttribute("recoveryCodes", codes.get());
        model.addAttribute("replaced", true);
        return "review/recovery-codes";
    }
}
