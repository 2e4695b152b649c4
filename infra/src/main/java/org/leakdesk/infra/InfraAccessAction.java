package org.leakdesk.infra;

/** The access log actions of sign-in, accounts, keys and the log itself. */
public enum InfraAccessAction implements AccessAction {
    STAFF_LOGIN("Signed in"),
    STAFF_LOGIN_FAILED("Failed sign-in"),
    STAFF_LOGOUT("Signed out"),
    ACCESS_DENIED("Refused: not permitted"),
    ACCOUNT_CREATED("Staff account created"),
    ACCOUNT_DISABLED("Staff account disabled"),
    ACCOUNT_ENABLED("Staff account enabled"),
    ROLES_CHANGED("Staff account roles changed"),
    ACCOUNT_LOCKED("Staff account locked after failed sign-ins"),
    ACCOUNT_UNLOCKED("Staff account unlocked"),
    TWO_FACTOR_ENROLLED("Authenticator enrolled"),
    TWO_FACTOR_RESET("Authenticator reset"),
    RECOVERY_CODE_USED("Recovery code used"),
    RECOVERY_CODES_REPLACED("Recovery codes replaced"),
    SIGN_IN_CONFIRMED("Password and code confirmed again"),
    KEY_UNLOCKED("Newsroom key unlocked"),
    ACCESS_LOG_VERIFIED("Access log verified"),
    ACCESS_LOG_EXPORTED("Access log exported");

    private final String label;

    InfraAccessAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
