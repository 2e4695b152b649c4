package org.leakdesk.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.springframework.web.servlet.HandlerInterceptor;

/** Static files of one face (its CSS, images) answer 404 on the other face's port. */
final class FaceStaticResourceGuard implements HandlerInterceptor {

    private final Face face;
    private final FacePorts ports;

    FaceStaticResourceGuard(Face face, FacePorts ports) {
        this.face = face;
        this.ports = ports;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (ports.faceOf(request.getLocalPort()) == face) {
            return true;
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return false;
    }
}
