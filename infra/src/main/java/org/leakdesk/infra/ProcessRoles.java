package org.leakdesk.infra;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;

/**
 * The roles this process runs, read from {@value #PROPERTY} (environment {@code LEAKDESK_ROLES}):
 * a comma-separated list of {@code source}, {@code staff} and {@code worker}; all three when unset.
 *
 * @param roles never empty
 */
public record ProcessRoles(Set<ProcessRole> roles) {

    /** The property that names the roles. */
    public static final String PROPERTY = "leakdesk.roles";

    /** The zero-setup default: one process that does everything. */
    public static final String ALL = "source,staff,worker";

    /**
     * @throws IllegalArgumentException if {@code roles} is empty
     */
    public ProcessRoles {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(
                    PROPERTY + " names no role: give one or more of " + ALL + " (all three when unset)");
        }
        roles = Set.copyOf(roles);
    }

    /**
     * Reads {@value #PROPERTY} from {@code environment}.
     *
     * @throws IllegalArgumentException naming the unknown value if the list holds anything but the
     *     three roles, or nothing at all
     */
    public static ProcessRoles from(Environment environment) {
        return parse(environment.getProperty(PROPERTY, ALL));
    }

    /**
     * Parses a comma-separated list of roles (case and spaces do not matter).
     *
     * @throws IllegalArgumentException if the list holds an unknown role or no role
     */
    public static ProcessRoles parse(String list) {
        Set<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
        for (String item : list.split(",")) {
            String name = item.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            roles.add(EnumSet.allOf(ProcessRole.class).stream()
                    .filter(role -> role.propertyValue().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Unknown role '" + name + "' in " + PROPERTY + "=" + list + ": the roles are " + ALL)));
        }
        return new ProcessRoles(roles);
    }

    /** Whether this process runs {@code role}. */
    public boolean has(ProcessRole role) {
        return roles.contains(role);
    }

    /**
     * Whether this process may hold the unlocked newsroom private key: only staff and worker
     * processes read it. A source-only process never opens the key file nor asks for a passphrase.
     */
    public boolean holdsPrivateKey() {
        return has(ProcessRole.STAFF) || has(ProcessRole.WORKER);
    }

    @Override
    public String toString() {
        return roles.stream().sorted().map(ProcessRole::propertyValue).collect(Collectors.joining(","));
    }
}
