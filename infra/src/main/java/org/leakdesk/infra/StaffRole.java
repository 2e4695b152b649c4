package org.leakdesk.infra;

import java.util.Locale;

/** What a staff member may do. Roles are checked on the server for every request and object. */
public enum StaffRole {
    /** Claims triage tasks, reads metadata, writes notes, handles verification. */
    REVIEWER,
    /** Makes the editorial decision; never on a case they triaged. */
    EDITOR,
    /** Reads and verifies the access log; cannot read documents. */
    AUDITOR,
    /** Manages accounts and settings; cannot read documents. */
    ADMIN;

    /** The process engine's candidate group for this role, e.g. {@code reviewer}. */
    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, e.g. {@code ROLE_REVIEWER}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
