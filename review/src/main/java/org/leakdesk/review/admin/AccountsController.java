package org.leakdesk.review.admin;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Staff accounts for admins: their roles and sign-in state; disable and enable an account,
 * unlock it after failed sign-ins, reset its authenticator. Each change is logged by {@link
 * StaffAccounts}. Admins cannot open cases or read documents.
 */
@Controller
@ServedOn(Face.STAFF)
class AccountsController {

    private final StaffAccounts accounts;
    private final StaffSignIn signIn;

    AccountsController(StaffAccounts accounts, StaffSignIn signIn) {
        this.accounts = accounts;
        this.signIn = signIn;
    }

    @GetMapping("/admin/accounts")
    String accounts(StaffMember admin, Model model) {
        model.addAttribute("accounts", accounts.accounts());
        model.addAttribute("me", admin.username());
        model.addAttribute("load", signIn.load());
        return "review/accounts";
    }

    @PostMapping("/admin/accounts/{username}/disable")
    String disable(@PathVariable String username, StaffMember admin) {
        accounts.disable(username, admin);
        return "redirect:/admin/accounts?disabled=" + username;
    }

    @PostMapping("/admin/accounts/{username}/enable")
    String enable(@PathVariable String username, StaffMember admin) {
        accounts.enable(username, admin);
        return "redirect:/admin/accounts?enabled=" + username;
    }

    @PostMapping("/admin/accounts/{username}/unlock")
    String unlock(@PathVariable String username, StaffMember admin) {
        accounts.unlock(username, admin);
        return "redirect:/admin/accounts?unlocked=" + username;
    }

    @PostMapping("/admin/accounts/{username}/reset-two-factor")
    String resetTwoFactor(@PathVariable String username, StaffMember admin) {
        accounts.resetTwoFactor(username, admin);
        return "redirect:/admin/accounts?reset=" + username;
    }
}
