package org.leakdesk.review.admin;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Staff accounts and their roles, for admins. Admins cannot open cases or read documents. */
@Controller
@ServedOn(Face.STAFF)
class AccountsController {

    private final StaffAccounts accounts;

    AccountsController(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admin/accounts")
    String accounts(Model model) {
        model.addAttribute("accounts", accounts.all());
        return "review/accounts";
    }
}
