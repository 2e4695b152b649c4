package org.leakdesk.infra;

import java.util.Locale;
import java.util.Set;

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

    /**
     * Refuses a set of roles that would let an account read documents while it audits or
     * administers: auditors and admins watch the desk, they never read what it holds, so an
     * account with {@link #AUDITOR} or {@link #ADMIN} holds neither {@link #REVIEWER} nor {@link
     * #EDITOR}.
     *
     * @throws IllegalArgumentException naming the conflict
     */
    public static void check(Set<StaffRole> roles) {
        boolean watches = roles.contains(AUDITOR) || roles.contains(ADMIN);
        boolean reads = roles.contains(REVIEWER) || roles.contains(EDITOR);
        if (watches && reads) {
            throw new IllegalArgumentException("An auditor or admin account cannot also be a reviewer or editor:"
                    + " auditors and admins never read documents. Use a separate account.");
        }
    }

    /** Whether this role lets its holder open cases and read their documents. */
    public boolean readsDocuments() {
        return this == REVIEWER || this == EDITOR;
    }

    /** The role named by its group or name, e.g. {@code reviewer}. */
    public static StaffRole ofName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("No role " + name + ": choose reviewer, editor, auditor or admin");
        }
    }

    /** The process engine's candidate group for this role, e.g. {@code reviewer}. */
    public String group() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, e.g. {@code ROLE_REVIEWER}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
