package org.leakdesk.infra.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.leakdesk.infra.FacePorts;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 404 to a request for a path only the other face serves, before security runs: a
 * signed-out visitor of the staff port meets no sign-in page for the source's upload, and the
 * source port shows nothing of the staff pages.
 */
final class FaceSeparationFilter extends OncePerRequestFilter {

    private final FacePorts ports;
    private final FacePaths paths;

    FaceSeparationFilter(FacePorts ports, FacePaths paths) {
        this.ports = ports;
        this.paths = paths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (paths.belongsElsewhere(ports.faceOf(request.getLocalPort()), path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
