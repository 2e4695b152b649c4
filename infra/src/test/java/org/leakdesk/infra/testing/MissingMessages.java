package org.leakdesk.infra.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thymeleaf writes a message key that no bundle defines as {@code ??key_locale??} (e.g.
 * {@code ??inbox.title_en_US??}) instead of failing: tests that render pages check that none shows.
 */
public final class MissingMessages {

    /** Thymeleaf's marker of a missing message. */
    public static final Pattern MARKER = Pattern.compile("\\?\\?[A-Za-z0-9.\\-]+_[A-Za-z0-9_#-]*\\?\\?");

    private MissingMessages() {}

    /**
     * @param where what was rendered, for the failure message
     * @param body the rendered page; {@code null} is taken as empty
     * @throws AssertionError naming the first missing message the page shows
     */
    public static void assertNone(String where, String body) {
        if (body == null) {
            return;
        }
        Matcher marker = MARKER.matcher(body);
        if (marker.find()) {
            throw new AssertionError(where + " shows a message no bundle defines: " + marker.group());
        }
    }
}
