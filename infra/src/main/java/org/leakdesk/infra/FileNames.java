package org.leakdesk.infra;

import java.nio.charset.StandardCharsets;

/**
 * The one place a file name a source (or a document) chose is made fit to show or to send. Such a
 * name is never a path and never trusted: control characters, bidirectional overrides (so that
 * "invoice", U+202E, "fdp.exe" cannot pose as "invoiceexe.pdf"), invisible format characters and
 * line separators are shown as visible escapes (a backslash, {@code u} and the hex code, as Java
 * writes them); a backslash is shown doubled so an escape cannot be faked. Every staff page and every {@code Content-Disposition}
 * goes through here.
 */
public final class FileNames {

    /** Longest name shown whole; longer ones are cut with a note of their length. */
    static final int DISPLAY_LIMIT = 300;

    private static final int DOWNLOAD_LIMIT = 200;
    private static final String NOT_IN_FILE_NAMES = "\\/:*?\"<>|%";

    private FileNames() {}

    /**
     * The name as a person should see it: every character that could hide, reorder or break
     * the text replaced by a visible escape (U+202E becomes backslash, "u202E"; a code point
     * beyond U+FFFF becomes backslash, "u{E0041}"), a backslash doubled, and a name longer than 300 characters cut with a note of its length.
     * Still to be HTML-escaped by the page, as any text is.
     *
     * @param name the name as received; null or empty gives {@code (no name)}
     * @return never null, never containing a control, format or bidirectional character
     */
    public static String forDisplay(String name) {
        if (name == null || name.isEmpty()) {
            return "(no name)";
        }
        StringBuilder shown = new StringBuilder(Math.min(name.length(), DISPLAY_LIMIT) + 16);
        int codePoints = 0;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (codePoints++ == DISPLAY_LIMIT) {
                shown.append("… (")
                        .append(name.codePointCount(0, name.length()))
                        .append(" characters in all)");
                break;
            }
            appendShown(shown, c);
        }
        return shown.toString();
    }

    /**
     * Text a document chose (a metadata value, a finding) as a reviewer should see it: every
     * character that could hide, reorder or break the text (controls and line breaks included)
     * shown as a visible escape, as in {@link #forDisplay}, but not cut, and with backslashes left
     * as they are, since Windows paths in metadata are common and the reviewer reads them as
     * written. Still to be HTML-escaped by the page.
     */
    public static String visibleText(String text) {
        StringBuilder shown = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (hidesOrReorders(c)) {
                appendShown(shown, c);
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /**
     * A name to save a download under: the displayed form with characters that file systems
     * treat specially ({@code \ / : * ? " < > | %}) replaced by {@code _}, no leading dot, at most
     * 200 characters.
     */
    public static String forDownload(String name) {
        String shown = forDisplay(name);
        StringBuilder safe = new StringBuilder(shown.length());
        shown.codePoints().limit(DOWNLOAD_LIMIT).forEach(c -> {
            boolean special = c < 0x80 && NOT_IN_FILE_NAMES.indexOf(c) >= 0;
            safe.appendCodePoint(special ? '_' : c);
        });
        while (!safe.isEmpty() && safe.charAt(0) == '.') {
            safe.setCharAt(0, '_');
        }
        return safe.isEmpty() ? "document" : safe.toString();
    }

    /**
     * A {@code Content-Disposition: attachment} header value for a download under this name
     * (RFC 6266): {@code filename} with an ASCII-only fallback for old clients and, when the name
     * is not plain ASCII, {@code filename*} with the UTF-8 name percent-encoded (RFC 5987 / 8187).
     */
    public static String contentDisposition(String name) {
        String download = forDownload(name);
        StringBuilder ascii = new StringBuilder(download.length());
        download.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F ? (char) c : '_'));
        String header = "attachment; filename=\"" + ascii + "\"";
        return ascii.toString().equals(download) ? header : header + "; filename*=UTF-8''" + percentEncoded(download);
    }

    private static void appendShown(StringBuilder shown, int c) {
        if (c == '\\') {
            shown.append("\\\\");
        } else if (hidesOrReorders(c)) {
            shown.append(c > 0xFFFF ? String.format("\\u{%X}", c) : String.format("\\u%04X", c));
        } else {
            shown.appendCodePoint(c);
        }
    }

    /**
     * C0 and C1 controls and DEL (Cc); format characters (Cf: the bidirectional marks, embeddings,
     * overrides and isolates U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C, zero-width characters,
     * the byte order mark, tag characters); line and paragraph separators; lone surrogates.
     */
    static boolean hidesOrReorders(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static String percentEncoded(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (attrChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
    private static boolean attrChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
