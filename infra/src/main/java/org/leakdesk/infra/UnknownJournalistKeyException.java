package org.leakdesk.infra;

/**
 * No journalist key with the fingerprint asked for can receive exports: none was added ({@code
 * keys add-journalist}), or the one added has been revoked, has expired or has no encryption key
 * that may be used.
 */
public class UnknownJournalistKeyException extends RuntimeException {

    public UnknownJournalistKeyException(String fingerprint) {
        super("No journalist key with fingerprint " + fingerprint
                + " was added; add it with: keys add-journalist --key FILE.asc");
    }

    /** The key was added; {@code reason} says why it cannot receive exports now. */
    public UnknownJournalistKeyException(String fingerprint, String reason) {
        super("The journalist key " + fingerprint + " cannot receive exports: " + reason);
    }
}
