package org.leakdesk.infra;

import java.util.Objects;
import java.util.Set;

/**
 * A staff account as admins see it.
 *
 * @param enabled false once an admin disabled it: it cannot sign in and its sessions have ended
 * @param locked true after too many failed sign-ins, until an admin unlocks it
 * @param failedSignIns consecutive failed attempts since the last sign-in or unlock
 * @param twoFactorEnrolled whether the member has set up an authenticator app
 * @param recoveryCodesLeft unused recovery codes
 */
public record StaffAccount(
        String username,
        Set<StaffRole> roles,
        boolean enabled,
        boolean locked,
        int failedSignIns,
        boolean twoFactorEnrolled,
        int recoveryCodesLeft) {

    public StaffAccount {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
    }
}
