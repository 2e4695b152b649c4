package org.leakdesk.infra;

import java.util.Objects;

/**
 * Every sign-in of a staff account was revoked: it was disabled, its roles changed or its
 * authenticator reset. Published in the transaction that makes the change (which also moves the
 * account's sign-in generation on, see {@link StaffSignIn#stillValid}); the staff face ends the
 * account's sessions when it commits. Carries nothing but the username.
 *
 * @param username whose sessions end; never null
 */
public record StaffSignInRevoked(String username) {

    public StaffSignInRevoked {
        Objects.requireNonNull(username, "username");
    }
}
