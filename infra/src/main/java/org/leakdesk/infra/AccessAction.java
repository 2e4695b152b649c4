package org.leakdesk.infra;

/**
 * What an access log entry records. Each module contributes its own actions (an enum
 * implementing this, registered as an {@link AccessVocabulary} bean), so a new step never edits
 * {@code infra}. The name is what is stored and hashed: it must never change once used.
 */
public interface AccessAction {

    /** The stored name, upper case with underscores, unique across modules. */
    String name();

    /** A short description in the newsroom's words, for the audit pages. */
    String label();

    /** An action known only by its stored name, e.g. one a later version no longer defines. */
    static AccessAction named(String name) {
        return new Named(name, name);
    }

    /** An action read back by name. */
    record Named(String name, String label) implements AccessAction {}
}
