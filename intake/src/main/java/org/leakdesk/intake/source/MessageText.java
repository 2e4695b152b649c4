package org.leakdesk.intake.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A message part read with a bound: never more than enough bytes to tell whether it holds more
 * than the limit's characters.
 *
 * @param text the message, or its start when it is too long
 * @param tooLong whether it holds more than the limit's characters
 */
record MessageText(String text, boolean tooLong) {

    static MessageText read(InputStream in, int maxChars) throws IOException {
        // A UTF-16 character takes at most 3 bytes of UTF-8 (a surrogate pair 4 for two), so more
        // than 4 bytes per character is too long whatever they say; one more byte tells.
        int maxBytes = (int) Math.min(4L * maxChars, Integer.MAX_VALUE - 16);
        byte[] bytes = in.readNBytes(maxBytes + 1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new MessageText(text, bytes.length > maxBytes || text.length() > maxChars);
    }
}
