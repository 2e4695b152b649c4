package org.leakdesk.infra;

import java.util.Arrays;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches {@link ConditionalOnProcessRole} against {@value ProcessRoles#PROPERTY}. */
class ProcessRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnProcessRole.class.getName());
        if (attributes == null) {
            return true;
        }
        ProcessRoles roles = ProcessRoles.from(context.getEnvironment());
        return Arrays.stream((ProcessRole[]) attributes.get("value")).anyMatch(roles::has);
    }
}
