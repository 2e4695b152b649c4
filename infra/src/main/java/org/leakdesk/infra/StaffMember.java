package org.leakdesk.infra;

import java.util.Objects;
import java.util.Set;

/**
 * A signed-in staff member as the modules see them.
 *
 * @param username unique login name
 * @param roles what they may do; may be empty
 */
public record StaffMember(String username, Set<StaffRole> roles) {

    public StaffMember {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
    }

    /** True if the member holds {@code role}. */
    public boolean has(StaffRole role) {
        return roles.contains(role);
    }
}
