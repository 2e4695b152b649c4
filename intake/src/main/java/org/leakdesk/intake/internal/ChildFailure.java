package org.leakdesk.intake.internal;

/**
 * A parser child did not answer: it ran out of time or memory, crashed, or said too much. The
 * child is gone; the document is recorded as not parsed with {@link #getMessage()} as the reason,
 * which names no content.
 */
final class ChildFailure extends Exception {

    ChildFailure(String reason) {
        super(reason, null, false, false);
    }
}
