package org.leakdesk.infra;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Staff accounts with Argon2id password hashes. */
public interface StaffAccounts {

    /**
     * Creates an account and records it in the access log.
     *
     * @param createdBy who creates it (an admin, or {@code system:setup})
     * @throws IllegalArgumentException if the username is taken or not of the allowed form
     */
    StaffMember create(String username, String rawPassword, Set<StaffRole> roles, String createdBy);

    /** Finds an enabled or disabled account by username. */
    Optional<StaffMember> find(String username);

    /** All accounts, ordered by username. */
    List<StaffMember> all();

    /** How many accounts exist. */
    long count();
}
