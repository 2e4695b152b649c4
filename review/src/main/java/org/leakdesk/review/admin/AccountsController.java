package org.leakdesk.review.admin;

import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.StaffAccount;
import org.leakdesk.infra.StaffAccountException;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff accounts for admins: their roles and sign-in state; create an account (its initial
 * password shown once), change its roles, disable and enable it, unlock it after failed
 * sign-ins, reset its authenticator. Each change is logged by {@link
 * StaffAccounts}. Admins cannot open cases or read documents.
 */
@Controller
@ServedOn(Face.STAFF)
class AccountsController {

    private final StaffAccounts accounts;
    private final StaffSignIn signIn;
    private final MessageSource messages;

    AccountsController(StaffAccounts accounts, StaffSignIn signIn, MessageSource messages) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.messages = messages;
    }

    @GetMapping("/admin/accounts")
    String accounts(StaffMember admin, @RequestParam Map<String, String> done, Locale locale, Model model) {
        notice(done, accounts.accounts(), locale).ifPresent(notice -> model.addAttribute("notice", notice));
        return page(admin, model);
    }

    /**
     * The notice a change's redirect asks for ({@code ?disabled=rita}), only when the account it
     * names is in the state the notice reports: a crafted link cannot make this page tell an admin
     * that a change happened which did not.
     */
    private Optional<String> notice(Map<String, String> done, List<StaffAccount> all, Locale locale) {
        for (Map.Entry<String, String> change : done.entrySet()) {
            Optional<StaffAccount> account = all.stream()
                    .filter(a -> a.username().equals(change.getValue()))
                    .findFirst();
            boolean holds = account.isPresent()
                    && switch (change.getKey()) {
                        case "disabled" -> !account.get().enabled();
                        case "enabled" -> account.get().enabled();
                        case "unlocked" -> !account.get().locked();
                        case "reset" -> !account.get().twoFactorEnrolled();
                        case "roles" -> true;
                        default -> false;
                    };
            if (holds) {
                String key = change.getKey().equals("roles") ? "accounts.roles-changed" : "accounts." + change.getKey();
                return Optional.of(messages.getMessage(key, new Object[] {change.getValue()}, locale));
            }
        }
        return Optional.empty();
    }

    /** A new account; its generated password is shown in this one answer and kept only as a hash. */
    @PostMapping("/admin/accounts")
    String create(
            @RequestParam String username,
            @RequestParam(required = false) List<StaffRole> roles,
            StaffMember admin,
            HttpServletResponse response,
            Locale locale,
            Model model) {
        Set<StaffRole> chosen = roles == null ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(roles);
        String password = accounts.newPassword();
        try {
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException(messages.getMessage("accounts.error.no-role", null, locale));
            }
            accounts.create(username.trim(), password, chosen, admin);
        } catch (IllegalArgumentException | StaffAccountException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("createError", e.getMessage());
            model.addAttribute("newUsername", username);
            model.addAttribute("newRoles", chosen);
            return page(admin, model);
        }
        model.addAttribute("created", username.trim());
        model.addAttribute("createdRoles", chosen);
        model.addAttribute("initialPassword", password);
        return "review/account-created";
    }

    @PostMapping("/admin/accounts/{username}/roles")
    String roles(
            @PathVariable String username,
            @RequestParam(required = false) List<StaffRole> roles,
            StaffMember admin,
            HttpServletResponse response,
            Model model) {
        Set<StaffRole> chosen = roles == null ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(roles);
        try {
            accounts.changeRoles(username, chosen, admin);
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("rolesError", e.getMessage());
            model.addAttribute("rolesAccount", username);
            return page(admin, model);
        }
        return "redirect:/admin/accounts?roles=" + username;
    }

    private String page(StaffMember admin, Model model) {
        model.addAttribute("accounts", accounts.accounts());
        model.addAttribute("allRoles", StaffRole.values());
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
