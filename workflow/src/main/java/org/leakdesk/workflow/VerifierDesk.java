package org.leakdesk.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * What an outside party can do with their one-time link, without an account. A token that is
 * unknown, answered, past its deadline or withdrawn finds nothing, all alike.
 */
public interface VerifierDesk {

    /** The question behind a link, or empty; the view is written to the access log (actor {@code verifier}). */
    Optional<VerifierQuestion> open(String token);

    /**
     * Records the answer and spends the link.
     *
     * @throws VerifierLinkGoneException if the link finds nothing (see above)
     * @throws InvalidEntryException if the comment is too long
     */
    void answer(String token, Verdict verdict, String comment);

    /**
     * Writes the {@code index}th shared scrubbed copy to {@code out}; logged like a view.
     *
     * @throws VerifierLinkGoneException if the link finds nothing or shares no such copy
     */
    void writeSharedCopy(String token, int index, OutputStream out) throws IOException;
}
