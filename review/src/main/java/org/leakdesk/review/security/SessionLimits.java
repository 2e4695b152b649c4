package org.leakdesk.review.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import org.leakdesk.infra.StaffSignIn;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session on the server, before anything else looks at the request, when it
 * has outlived its absolute lifetime or its account was disabled or had its authenticator reset
 * (in any process: the account's sign-in generation is in the database), or when {@link
 * RevokedSessions} emptied it. The idle timeout is the session store's own, set per session at
 * sign-in.
 */
final class SessionLimits extends OncePerRequestFilter {

    private final SignedInSessions sessions;
    private final StaffSignIn signIn;

    SessionLimits(SignedInSessions sessions, StaffSignIn signIn) {
        this.sessions = sessions;
        this.signIn = signIn;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignedInSessions.ENDED) != null) {
            end(request, response, "ended");
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication instanceof UsernamePasswordAuthenticationToken) {
            Instant signedInAt = SignedInSessions.signedInAt(session);
            if (signedInAt != null) {
                if (sessions.tooOld(signedInAt)) {
                    end(request, response, "expired");
                    return;
                }
                Object generation = session.getAttribute(SignedInSessions.GENERATION);
                if (!(generation instanceof Long current) || !signIn.stillValid(authentication.getName(), current)) {
                    end(request, response, "ended");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void end(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        sessions.end(request);
        response.sendRedirect(request.getContextPath() + "/login?" + why);
    }
}
