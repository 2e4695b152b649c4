package org.leakdesk.infra.web;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.ServedOn;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Adds a {@link FaceCondition} to every mapping of a controller annotated {@link ServedOn}, so
 * that the same path can mean different pages on the two ports and a path of one face is a 404
 * on the other. A LeakDesk controller without the annotation is a mistake that would expose it
 * on both ports: the application refuses to start.
 *
 * <p>The condition is added here rather than through {@code getCustomTypeCondition}, which
 * Spring only consults for controllers that carry a type-level {@code @RequestMapping}.
 */
final class FaceAwareHandlerMapping extends RequestMappingHandlerMapping {

    private static final String OWN_PACKAGE = "org.leakdesk.";

    private final FacePorts ports;
    private final FacePaths paths;

    FaceAwareHandlerMapping(FacePorts ports, FacePaths paths) {
        this.ports = ports;
        this.paths = paths;
    }

    @Override
    protected @Nullable RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        if (info == null) {
            return null;
        }
        ServedOn servedOn = AnnotatedElementUtils.findMergedAnnotation(handlerType, ServedOn.class);
        if (servedOn != null) {
            if (info.getPathPatternsCondition() != null) {
                paths.add(servedOn.value(), info.getPathPatternsCondition().getPatterns());
            }
            return info.addCustomCondition(new FaceCondition(servedOn.value(), ports));
        }
        if (handlerType.getName().startsWith(OWN_PACKAGE)) {
            throw new IllegalStateException(handlerType.getName()
                    + " must say which face it is served on with @ServedOn(Face.SOURCE) or @ServedOn(Face.STAFF)");
        }
        return info;
    }
}
