package org.leakdesk.workflow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A verification request as a reviewer writes it.
 *
 * @param organisation the outside party (an agency, an expert's institution)
 * @param contact whom there the request goes to (a name, an address)
 * @param question what they are asked; stored encrypted
 * @param sharing what they are shown
 * @param excerpt the excerpt they are shown when {@code sharing} is {@link Sharing#EXCERPT}; stored encrypted
 * @param deadline when the request runs out; a reminder is recorded at half the time
 */
public record VerificationRequestDraft(
        String organisation,
        String contact,
        String question,
        Sharing sharing,
        @Nullable String excerpt,
        Instant deadline) {

    public VerificationRequestDraft {
        organisation = Texts.required(organisation, "the organisation", Texts.NAME);
        contact = Texts.required(contact, "the contact", Texts.NAME);
        question = Texts.required(question, "the question", Texts.REASON);
        if (sharing == Sharing.EXCERPT) {
            excerpt = Texts.required(excerpt, "the excerpt to share", Texts.LONG);
        } else {
            excerpt = null;
        }
    }
}
