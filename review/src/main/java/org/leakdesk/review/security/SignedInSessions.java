package org.leakdesk.review.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.SignInStep;
import org.leakdesk.infra.StaffRole;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Turns a completed sign-in into a session, and ends sessions. A session gets a new id when the
 * password is accepted and again here, when the member is signed in; it keeps when that was and
 * the account's sign-in generation, which {@link SessionLimits} checks at every request.
 *
 * <p>Sessions live in the database ({@link StaffSessionStore}), so what they hold is serializable
 * and small: the security context (username and roles), the CSRF token, these two values, the
 * time of the last fresh check and, during enrolment, the offered authenticator secret sealed
 * under the authenticator key. No document content, no password, no address or user agent.
 */
final class SignedInSessions {

    static final String SIGNED_IN_AT = SignedInSessions.class.getName() + ".SIGNED_IN_AT";
    static final String GENERATION = SignedInSessions.class.getName() + ".GENERATION";
    /** The mark {@link RevokedSessions} leaves of a session it ended. */
    static final String ENDED = SignedInSessions.class.getName() + ".ENDED";

    private final SecurityContextRepository contexts;
    private final StaffSessionProperties settings;
    private final Clock clock;

    SignedInSessions(SecurityContextRepository contexts, StaffSessionProperties settings, Clock clock) {
        this.contexts = contexts;
        this.settings = settings;
        this.clock = clock;
    }

    void establish(SignInStep.SignedIn signedIn, HttpServletRequest request, HttpServletResponse response) {
        request.getSession();
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN_AT, clock.instant());
        session.setAttribute(GENERATION, signedIn.generation());
        session.setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
        // A fresh CSRF token for the signed-in session, as form login would make.
        new HttpSessionCsrfTokenRepository().saveToken(null, request, response);
        List<SimpleGrantedAuthority> authorities = signedIn.member().roles().stream()
                .map(StaffRole::authority)
                .map(SimpleGrantedAuthority::new)
                .toList();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                signedIn.member().username(), null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Ends the request's session, signed in or half-way. */
    void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
    }

    /** Whether a signed-in session has outlived its absolute lifetime. */
    boolean tooOld(Instant signedInAt) {
        return clock.instant().isAfter(signedInAt.plus(settings.absoluteTimeout()));
    }

    /** Whether the password of a pending sign-in was accepted too long ago for its second factor. */
    boolean tooLate(PendingSignIn pending) {
        return clock.instant().isAfter(pending.since().plus(settings.secondFactorTimeout()));
    }

    static @Nullable Instant signedInAt(HttpSession session) {
        return session.getAttribute(SIGNED_IN_AT) instanceof Instant at ? at : null;
    }
}
