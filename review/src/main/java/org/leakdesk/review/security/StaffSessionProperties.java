package org.leakdesk.review.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a staff session lasts, and when expired ones leave the database.
 *
 * @param idleTimeout a session without a request for this long ends
 * @param absoluteTimeout a session ends this long after sign-in, however busy
 * @param secondFactorTimeout how long after the password the second factor may come
 * @param freshCheckValidity how long a fresh password-and-code check before a download or an
 *     export holds
 * @param cleanupCron when a staff process deletes the sessions that expired from the database
 *     (a Spring cron expression, seconds first; {@code -} for never): only processes with the
 *     {@code staff} role run it
 */
@ConfigurationProperties("leakdesk.staff.session")
record StaffSessionProperties(
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("12h") Duration absoluteTimeout,
        @DefaultValue("5m") Duration secondFactorTimeout,
        @DefaultValue("5m") Duration freshCheckValidity,
        @DefaultValue("0 * * * * *") String cleanupCron) {}
