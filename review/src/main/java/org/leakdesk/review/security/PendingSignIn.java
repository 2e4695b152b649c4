package org.leakdesk.review.security;

import java.time.Instant;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A member whose password was accepted and who still owes the second factor. It is an anonymous
 * authentication on purpose: every page but the second factor's sends it to sign-in, and no role
 * or {@code StaffMember} comes out of it.
 */
final class PendingSignIn extends AnonymousAuthenticationToken {

    // Kept in the staff session, in the database: every staff process must read what another wrote.
    private static final long serialVersionUID = 1L;

    static final String AUTHORITY = "SIGN_IN_PENDING";
    private static final String KEY = "leakdesk-pending-sign-in";

    private final boolean enrolled;
    private final Instant since;

    PendingSignIn(String username, boolean enrolled, Instant since) {
        super(KEY, username, List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.enrolled = enrolled;
        this.since = since;
    }

    String username() {
        return getName();
    }

    /** Whether the account has an authenticator (else it enrols one). */
    boolean enrolled() {
        return enrolled;
    }

    /** When the password was accepted. */
    Instant since() {
        return since;
    }
}
