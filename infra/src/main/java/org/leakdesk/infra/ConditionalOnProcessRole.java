package org.leakdesk.infra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * A bean or configuration that exists only in a process that runs at least one of the given
 * {@link ProcessRole}s ({@value ProcessRoles#PROPERTY}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ProcessRoleCondition.class)
public @interface ConditionalOnProcessRole {

    /** The roles, any one of which makes the bean exist; must not be empty. */
    ProcessRole[] value();
}
