package org.leakdesk.workflow;

import org.jspecify.annotations.Nullable;

/** Checks on what staff and verifiers type into the process's forms; refusals are {@link InvalidEntryException}s. */
public final class Texts {

    public static final int REASON = 2_000;
    public static final int LONG = 20_000;
    public static final int NAME = 200;

    private Texts() {}

    /** The trimmed text; refuses blank or overlong input with a message for a person. */
    public static String required(@Nullable String text, String what, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidEntryException("Give " + what + ".");
        }
        return optional(text, what, max);
    }

    /** The trimmed text, or "" for none; refuses overlong input. */
    public static String optional(@Nullable String text, String what, int max) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.length() > max) {
            throw new InvalidEntryException("Keep " + what + " under " + max + " characters.");
        }
        return trimmed;
    }
}
