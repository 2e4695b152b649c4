package org.leakdesk.intake.internal;

/**
 * No parser child could be started. That is not a property of any document, so nothing is
 * recorded for the document: the extraction fails, and the process engine retries it later.
 */
final class ParsersUnavailableException extends RuntimeException {

    ParsersUnavailableException(String message) {
        super(message);
    }
}
