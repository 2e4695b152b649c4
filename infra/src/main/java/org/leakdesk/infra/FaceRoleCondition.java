package org.leakdesk.infra;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * A controller {@link ServedOn} the staff face exists only in a process with the staff role: a
 * source-only process holds no staff controller (nor what those need, such as the process engine).
 * Source controllers need only intake and stay everywhere, so a staff process still knows the
 * source's paths and answers them with 404.
 */
class FaceRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ServedOn.class.getName());
        if (attributes == null) {
            return true;
        }
        return attributes.get("value") != Face.STAFF
                || ProcessRoles.from(context.getEnvironment()).has(ProcessRole.STAFF);
    }
}
