package org.leakdesk.intake.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.parsing.ParsedDocument;

/**
 * The dates in a document's metadata, as Tika writes them: ISO-8601 with an offset ({@code Z} or
 * {@code +02:00}), without one (the writer's local time), or a bare date. Anything else (mail
 * headers, EXIF's colon dates, the parser's own "File Modified Date") is not read as a date.
 */
final class MetadataDates {

    private static final Pattern ISO_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([Tt ].*)?");

    /**
     * A date value of one field.
     *
     * @param instant the moment; a local time is read as if it were UTC
     * @param offset the offset the value states, or null for a local time or a bare date
     */
    record DatedValue(
            String field,
            String raw,
            Instant instant,
            @Nullable ZoneOffset offset) {

        boolean local() {
            return offset == null;
        }

        /** Whether the value states its offset in digits: "Z" is what Tika writes after converting to UTC. */
        boolean numericOffset() {
            return offset != null && !raw.endsWith("Z") && !raw.endsWith("z");
        }
    }

    private MetadataDates() {}

    /**
     * Every date value of the document's own fields. Custom properties are left out (a user typed
     * them, they are reported as such) and so are Tika's own {@code X-TIKA:} fields.
     */
    static List<DatedValue> dates(ParsedDocument document) {
        List<DatedValue> dates = new ArrayList<>();
        for (Map.Entry<String, List<String>> field : document.metadata().entrySet()) {
            String key = field.getKey();
            if (key.startsWith("custom:") || key.startsWith("X-TIKA:")) {
                continue;
            }
            for (String value : field.getValue()) {
                parse(key, value).ifPresent(dates::add);
            }
        }
        return dates;
    }

    static Optional<DatedValue> first(ParsedDocument document, String key) {
        for (String value : document.values(key)) {
            Optional<DatedValue> date = parse(key, value);
            if (date.isPresent()) {
                return date;
            }
        }
        return Optional.empty();
    }

    static Optional<DatedValue> parse(String field, String value) {
        String text = value.strip();
        if (!ISO_START.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 10) {
                Instant day = LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                return Optional.of(new DatedValue(field, text, day, null));
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(
                    text.replace(' ', 'T'), OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime zoned) {
                return Optional.of(new DatedValue(field, text, zoned.toInstant(), zoned.getOffset()));
            }
            Instant local = ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            return Optional.of(new DatedValue(field, text, local, null));
        } catch (DateTimeParseException e) {
            // not a date after all: the rules only look at values they can read
            return Optional.empty();
        }
    }
}
