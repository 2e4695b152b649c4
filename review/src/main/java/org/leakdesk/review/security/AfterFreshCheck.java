package org.leakdesk.review.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a staff handler that lets a document leave the desk (a download, an export): it runs only
 * if the member confirmed their password and a fresh authenticator code within the last few
 * minutes ({@code leakdesk.staff.session.fresh-check-validity}); otherwise they are sent to that
 * check first and brought back.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AfterFreshCheck {}
