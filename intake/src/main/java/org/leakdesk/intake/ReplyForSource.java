package org.leakdesk.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * A reply from the newsroom as the signed-in source reads it.
 *
 * @param id the reply, for deleting it
 * @param text what the newsroom wrote, decrypted with the source's key
 * @param sentAt when it was written, coarsened
 */
public record ReplyForSource(UUID id, String text, Instant sentAt) {

    @Override
    public String toString() {
        return "ReplyForSource[id=" + id + ", sentAt=" + sentAt + "]";
    }
}
