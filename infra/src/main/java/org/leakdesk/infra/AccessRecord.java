package org.leakdesk.infra;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing to write to the access log: who did what to which case. Must never carry source IP
 * addresses, user agents, codenames or any document content.
 *
 * @param actor the staff username, or {@code system:<part>} / {@code source} for the machine and
 *     anonymous sources
 * @param action what was done
 * @param subject the case (submission id) it was done to, or null
 * @param detail a short, content-free detail such as the decision taken, or null
 */
public record AccessRecord(
        String actor,
        AccessAction action,
        @Nullable String subject,
        @Nullable String detail) {

    public AccessRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        if (actor.isBlank()) {
            throw new IllegalArgumentException("An access log entry needs an actor");
        }
    }

    /** An entry about a case, without detail. */
    public static AccessRecord of(String actor, AccessAction action, @Nullable String subject) {
        return new AccessRecord(actor, action, subject, null);
    }
}
