package org.leakdesk.infra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Puts a controller on one face. Its mappings only match requests that arrived on that face's
 * port; every LeakDesk controller must carry this annotation, or the application refuses to start.
 * A staff controller exists only in a process whose {@link ProcessRoles roles} include staff.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(FaceRoleCondition.class)
public @interface ServedOn {

    /** The face the controller belongs to. */
    Face value();
}
