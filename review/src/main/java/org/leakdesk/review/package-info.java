/**
 * The staff interface: sign-in, task inbox, case pages with triage and editorial decisions, the
 * access log for auditors and the account list for admins. Nothing depends on this module.
 */
@NullMarked
@ApplicationModule(
        displayName = "Review",
        allowedDependencies = {"infra", "intake", "workflow"})
package org.leakdesk.review;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
