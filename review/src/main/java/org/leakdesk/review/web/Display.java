package org.leakdesk.review.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.FileNames;
import org.springframework.stereotype.Component;

/** Formatting for the staff pages, used from templates as {@code @display}. */
@Component("display")
public class Display {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A case's short reference, e.g. {@code 3F2A9C1B}: enough to tell cases apart on a page. */
    public String caseRef(@Nullable Object caseId) {
        if (caseId == null) {
            return "";
        }
        String id = caseId instanceof UUID uuid ? uuid.toString() : caseId.toString();
        return id.length() >= 8 ? id.substring(0, 8).toUpperCase(Locale.ROOT) : id;
    }

    /**
     * A file name a source or a document chose, with control and bidirectional characters shown
     * as escapes ({@link FileNames#forDisplay}); use for every such name on a page.
     */
    public String fileName(@Nullable String name) {
        return FileNames.forDisplay(name == null ? "" : name);
    }

    /**
     * Text a document chose (a metadata field's name or value, a finding), with control and
     * bidirectional characters shown as escapes ({@link FileNames#visibleText}); a dash when there
     * is none.
     */
    public String text(@Nullable String value) {
        return value == null ? "—" : FileNames.visibleText(value);
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String exactTime(@Nullable Instant instant) {
        return instant == null ? "" : EXACT.format(instant);
    }

    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
