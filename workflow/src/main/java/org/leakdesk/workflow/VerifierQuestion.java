package org.leakdesk.workflow;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * All an outside party sees through their link: never the case id, the source, or other requests.
 *
 * @param organisation whom the request is for
 * @param question what they are asked
 * @param sharing what they are shown
 * @param excerpt the excerpt, or null
 * @param sharedCopies names of the scrubbed copies they may download (by index), empty if none
 * @param deadline until when the link works
 */
public record VerifierQuestion(
        String organisation,
        String question,
        Sharing sharing,
        @Nullable String excerpt,
        List<String> sharedCopies,
        Instant deadline) {}
