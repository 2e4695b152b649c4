package org.leakdesk.review.security;

import java.util.List;
import org.leakdesk.infra.StaffSignInRevoked;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends every session of an account at once when its sign-ins are revoked (disabled, roles
 * changed, authenticator reset), in every staff process: the sessions are found in the database
 * by Spring Session's principal index, and each is emptied (its sign-in, CSRF token and all) down
 * to a mark that {@link SessionLimits} turns into "your session was ended" at the member's next
 * request on any node. The account's sign-in generation, checked at every request, ends a
 * session that a change made elsewhere (the {@code accounts} command) left behind.
 */
class RevokedSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    RevokedSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** After the change commits: a session must not end for a change that was rolled back. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(StaffSignInRevoked revoked) {
        endAll(sessions, revoked.username());
    }

    private static <S extends Session> void endAll(FindByIndexNameSessionRepository<S> sessions, String username) {
        for (S session : sessions.findByPrincipalName(username).values()) {
            for (String name : List.copyOf(session.getAttributeNames())) {
                session.removeAttribute(name);
            }
            session.setAttribute(SignedInSessions.ENDED, Boolean.TRUE);
            sessions.save(session);
        }
    }
}
