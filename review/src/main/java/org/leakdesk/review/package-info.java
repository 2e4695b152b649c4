/**
 * The staff interface: sign-in, task inbox, case pages with the forms of the review process
 * (triage, verification requests, assessment, editorial decision), the outside verifiers'
 * one-time link pages, the access log for auditors, and accounts and stuck steps for admins.
 * Nothing depends on this module.
 */
@NullMarked
@ApplicationModule(
        displayName = "Review",
        allowedDependencies = {"infra", "intake", "workflow"})
package org.leakdesk.review;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
