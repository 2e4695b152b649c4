package org.leakdesk.workflow;

import java.util.UUID;

/**
 * A one-time link for an outside party, shown to the reviewer once: only its hash is stored.
 *
 * @param requestId the request it answers
 * @param organisation whom it is for
 * @param token the secret part of the link (at least 128 random bits, URL-safe)
 */
public record VerifierLink(UUID requestId, String organisation, String token) {

    /** The path on the staff face, e.g. {@code /verify/<token>}. */
    public String path() {
        return "/verify/" + token;
    }

    @Override
    public String toString() {
        return "VerifierLink[" + requestId + "]";
    }
}
