package org.leakdesk.infra.accounts;

import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.StaffAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;

/**
 * Writes every staff sign-in, failed sign-in and sign-out to the access log. A failed attempt
 * names the account only if it exists: people type passwords into the username field, and those
 * must not land in the log. No IP address or user agent is ever recorded.
 */
class LoginAudit {

    static final String UNKNOWN_ACCOUNT = "unknown account";

    private final AccessLog accessLog;
    private final StaffAccounts accounts;

    LoginAudit(AccessLog accessLog, StaffAccounts accounts) {
        this.accessLog = accessLog;
        this.accounts = accounts;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        accessLog.recordNow(AccessRecord.of(event.getAuthentication().getName(), InfraAccessAction.STAFF_LOGIN, null));
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String attempted = event.getAuthentication().getName();
        boolean known = attempted != null && accounts.find(attempted).isPresent();
        accessLog.recordNow(new AccessRecord(
                known ? attempted : UNKNOWN_ACCOUNT,
                InfraAccessAction.STAFF_LOGIN_FAILED,
                null,
                event.getException().getClass().getSimpleName()));
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        accessLog.recordNow(AccessRecord.of(event.getAuthentication().getName(), InfraAccessAction.STAFF_LOGOUT, null));
    }
}
