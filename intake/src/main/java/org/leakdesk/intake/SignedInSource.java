package org.leakdesk.intake;

import java.util.UUID;

/**
 * A source signed in with their codename: their case, and (inside, never exposed) the reply key
 * pair derived from the codename. Lives only in the memory of the process the source signed in
 * to; {@link #forget()} drops the key when the source signs out or the session ends.
 */
public interface SignedInSource {

    /** The source's submission, which is the case the newsroom works on. */
    UUID caseId();

    /** Drops the private key; the handle can no longer read replies afterwards. */
    void forget();
}
