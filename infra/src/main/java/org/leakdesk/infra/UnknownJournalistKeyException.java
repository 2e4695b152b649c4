package org.leakdesk.infra;

/** No journalist key with the fingerprint asked for was added ({@code keys add-journalist}). */
public class UnknownJournalistKeyException extends RuntimeException {

    public UnknownJournalistKeyException(String fingerprint) {
        super("No journalist key with fingerprint " + fingerprint
                + " was added; add it with: keys add-journalist --key FILE.asc");
    }
}
