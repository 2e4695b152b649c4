package org.leakdesk.infra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.springframework.web.servlet.mvc.condition.AbstractRequestCondition;

/** Matches a request only if it arrived on the port of the given face. */
final class FaceCondition extends AbstractRequestCondition<FaceCondition> {

    private final Face face;
    private final FacePorts ports;

    FaceCondition(Face face, FacePorts ports) {
        this.face = face;
        this.ports = ports;
    }

    @Override
    protected Collection<?> getContent() {
        return List.of(face);
    }

    @Override
    protected String getToStringInfix() {
        return "";
    }

    @Override
    public FaceCondition combine(FaceCondition other) {
        return other;
    }

    @Override
    public @Nullable FaceCondition getMatchingCondition(HttpServletRequest request) {
        return ports.faceOf(request.getLocalPort()) == face ? this : null;
    }

    @Override
    public int compareTo(FaceCondition other, HttpServletRequest request) {
        return 0;
    }
}
