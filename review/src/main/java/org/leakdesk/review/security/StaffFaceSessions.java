package org.leakdesk.review.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Spring Session's filter for requests on the staff face only: a request on the source face (or
 * on the management port) passes untouched, so the database never sees a source's request and
 * the source face still sets no cookie before a codename sign-in.
 */
final class StaffFaceSessions implements Filter {

    private final SessionRepositoryFilter<?> sessions;
    private final FacePorts ports;

    StaffFaceSessions(SessionRepositoryFilter<?> sessions, FacePorts ports) {
        this.sessions = sessions;
        this.ports = ports;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ports.faceOf(request.getLocalPort()) == Face.STAFF) {
            sessions.doFilter(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }
}
