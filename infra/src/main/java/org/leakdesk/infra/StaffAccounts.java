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

    /**
     * Creates an account on an admin's behalf (admin page, {@code accounts create}); see {@link
     * #create(String, String, Set, String)}.
     *
     * @throws org.springframework.security.access.AccessDeniedException if {@code admin} is not an admin
     */
    StaffMember create(String username, String rawPassword, Set<StaffRole> roles, StaffMember admin);

    /**
     * Gives an account exactly {@code roles}. Its sessions end, so the new roles hold from its
     * next sign-in. An account cannot take away its own admin role.
     *
     * @throws StaffAccountException if there is no such account, or the admin would remove their own admin role
     * @throws IllegalArgumentException if the roles may not be combined (see {@link StaffRole#check})
     */
    void changeRoles(String username, Set<StaffRole> roles, StaffMember admin);

    /** A new random password of the length and alphabet staff passwords are made of, to show once. */
    String newPassword();

    /** Finds an enabled or disabled account by username. */
    Optional<StaffMember> find(String username);

    /** All accounts, ordered by username. */
    List<StaffMember> all();

    /** How many accounts exist. */
    long count();

    /** Every account with its sign-in state, ordered by username. */
    List<StaffAccount> accounts();

    /**
     * Disables an account: it can no longer sign in, and every session it has ends at its next
     * request (in every process).
     *
     * @throws StaffAccountException if there is no such account or it is the admin's own
     * @throws org.springframework.security.access.AccessDeniedException if {@code admin} is not an admin
     */
    void disable(String username, StaffMember admin);

    /** Enables a disabled account again; its old sessions stay ended. */
    void enable(String username, StaffMember admin);

    /** Lifts the lock after failed sign-ins and forgets the failures. */
    void unlock(String username, StaffMember admin);

    /**
     * Forgets the account's authenticator and recovery codes: the member enrols a new one at
     * the next sign-in. Their sessions end.
     */
    void resetTwoFactor(String username, StaffMember admin);
}
