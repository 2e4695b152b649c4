package org.leakdesk.infra;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A controller {@link ServedOn} a face exists only in a process that serves that face: a
 * source-only process holds no staff controller (nor what those need, such as the process engine).
 */
class FaceRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ServedOn.class.getName());
        if (attributes == null) {
            return true;
        }
        ProcessRoles roles = ProcessRoles.from(context.getEnvironment());
        Face face = (Face) attributes.get("value");
        return roles.has(face == Face.SOURCE ? ProcessRole.SOURCE : ProcessRole.STAFF);
    }
}
