package org.leakdesk.infra;

/**
 * What one LeakDesk process does in a production installation ({@code leakdesk.roles}, environment
 * {@code LEAKDESK_ROLES}). The zero-setup run is all three in one process.
 */
public enum ProcessRole {
    /**
     * Serves the source face. Holds only the newsroom's public certificates: it encrypts what
     * sources send and can decrypt nothing.
     */
    SOURCE,
    /** Serves the staff face; unlocks the newsroom private key to show documents to staff. */
    STAFF,
    /**
     * Runs Camunda's job executor and the extraction worker (metadata extraction in parser
     * children, timers, retention); unlocks the newsroom private key to decrypt what it parses.
     */
    WORKER;

    /** The role's name as written in {@code leakdesk.roles}. */
    public String propertyValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
