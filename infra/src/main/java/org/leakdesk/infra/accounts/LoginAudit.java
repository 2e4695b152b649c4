package org.leakdesk.infra.accounts;

import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.InfraAccessAction;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;

/**
 * Writes every staff sign-out to the access log. Sign-ins and failed sign-ins are logged where
 * they are decided, in {@link JdbcStaffSignIn}: a password alone is not a sign-in.
 */
class LoginAudit {

    private final AccessLog accessLog;

    LoginAudit(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @EventListener
    void onLogout(LogoutSuccessEvent event) {
        accessLog.recordNow(AccessRecord.of(event.getAuthentication().getName(), InfraAccessAction.STAFF_LOGOUT, null));
    }
}
