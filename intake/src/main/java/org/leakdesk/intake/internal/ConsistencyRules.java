package org.leakdesk.intake.internal;

import static org.leakdesk.intake.FindingType.CREATED_AFTER_MODIFIED;
import static org.leakdesk.intake.FindingType.DATE_BEFORE_FORMAT_EXISTED;
import static org.leakdesk.intake.FindingType.DATE_IN_FUTURE;
import static org.leakdesk.intake.FindingType.INCREMENTAL_UPDATE;
import static org.leakdesk.intake.FindingType.TIME_ZONES_DISAGREE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.internal.MetadataDates.DatedValue;
import org.leakdesk.intake.parsing.ParsedDocument;

/** Dates and revisions that do not fit together; the tools are {@link ToolRules}' part. */
final class ConsistencyRules {

    /** The same document's creation and last-save fields, as each format family names them. */
    private static final List<List<String>> CREATED_MODIFIED = List.of(
            List.of("dcterms:created", "dcterms:modified"),
            List.of("meta:creation-date", "meta:save-date"),
            List.of("pdf:docinfo:created", "pdf:docinfo:modified"),
            List.of("xmp:CreateDate", "xmp:ModifyDate"));

    /** A local time may be anywhere on earth: up to 14 hours ahead of UTC is still today somewhere. */
    private static final Duration LOCAL_TIME_SLACK = Duration.ofHours(14);

    /**
     * The first year each format could have been written, by content type prefix. Kept to formats
     * whose start is clear-cut: PDF 1.0 (1993), JPEG (ISO 10918-1, 1992), TIFF 1.0 (1986), PNG
     * (1996), OpenDocument (OASIS, 2005), Office Open XML (Office 2007 betas and ECMA-376, 2006).
     */
    private static final Map<String, Integer> FORMAT_YEARS = Map.of(
            "application/pdf", 1993,
            "image/jpeg", 1992,
            "image/tiff", 1986,
            "image/png", 1996,
            "application/vnd.oasis.opendocument.", 2005,
            "application/vnd.openxmlformats-officedocument.", 2006,
            "application/vnd.ms-word.document.macroenabled", 2006,
            "application/vnd.ms-excel.sheet.macroenabled", 2006,
            "application/vnd.ms-powerpoint.presentation.macroenabled", 2006);

    private ConsistencyRules() {}

    static void check(ParsedDocument document, Instant now, DocumentFindings found) {
        List<DatedValue> dates = MetadataDates.dates(document);
        createdAfterModified(document, found);
        datesInFuture(dates, now, found);
        datesBeforeFormat(document, dates, found);
        timeZones(dates, found);
        incrementalUpdates(document, found);
    }

    private static void createdAfterModified(ParsedDocument document, DocumentFindings found) {
        for (List<String> pair : CREATED_MODIFIED) {
            Optional<DatedValue> created = MetadataDates.first(document, pair.get(0));
            Optional<DatedValue> modified = MetadataDates.first(document, pair.get(1));
            if (created.isEmpty() || modified.isEmpty()) {
                continue;
            }
            // a local time beside a zoned one cannot be ordered without guessing the zone
            boolean comparable = created.get().local() == modified.get().local();
            if (comparable && created.get().instant().isAfter(modified.get().instant())) {
                found.add(
                        CREATED_AFTER_MODIFIED,
                        pair.get(0) + " / " + pair.get(1),
                        "created " + created.get().raw() + ", modified "
                                + modified.get().raw());
            }
        }
    }

    private static void datesInFuture(List<DatedValue> dates, Instant now, DocumentFindings found) {
        for (DatedValue date : dates) {
            Instant latest = date.local() ? now.plus(LOCAL_TIME_SLACK) : now;
            if (date.instant().isAfter(latest)) {
                found.add(DATE_IN_FUTURE, date.field(), date.raw());
            }
        }
    }

    private static void datesBeforeFormat(ParsedDocument document, List<DatedValue> dates, DocumentFindings found) {
        Integer firstYear = formatYear(document);
        if (firstYear == null) {
            return;
        }
        // a day of slack either way, so that a local time on New Year's Day is not flagged
        Instant start = LocalDate.of(firstYear, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant earliest = start.minus(LOCAL_TIME_SLACK);
        for (DatedValue date : dates) {
            if (date.instant().isBefore(earliest)) {
                found.add(DATE_BEFORE_FORMAT_EXISTED, date.field(), date.raw() + " (format from " + firstYear + ")");
            }
        }
    }

    private static @Nullable Integer formatYear(ParsedDocument document) {
        String contentType = contentType(document);
        return FORMAT_YEARS.entrySet().stream()
                .filter(format -> contentType.startsWith(format.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    static String contentType(ParsedDocument document) {
        String contentType = document.first("Content-Type");
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        String base = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return base.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Offsets written in digits come from the document's own clock; {@code Z} only says Tika
     * converted the value to UTC, so it is not compared.
     */
    private static void timeZones(List<DatedValue> dates, DocumentFindings found) {
        List<DatedValue> zoned =
                dates.stream().filter(DatedValue::numericOffset).toList();
        for (DatedValue other : zoned) {
            DatedValue first = zoned.get(0);
            if (!other.offset().equals(first.offset())) {
                found.add(
                        TIME_ZONES_DISAGREE, first.field() + " / " + other.field(), first.raw() + " / " + other.raw());
                return;
            }
        }
    }

    /**
     * The file says how often it was saved on top of itself; each earlier revision, which Tika
     * reports as an embedded document of its own, is listed with the date it was saved, if given.
     */
    private static void incrementalUpdates(ParsedDocument document, DocumentFindings found) {
        String count = document.first("pdf:incrementalUpdateCount");
        if (count != null && isPositive(count)) {
            found.add(INCREMENTAL_UPDATE, "pdf:incrementalUpdateCount", count);
        }
        if (FindingRules.isEarlierRevision(document)) {
            String field = document.first("pdf:incrementalUpdateNumber") != null
                    ? "pdf:incrementalUpdateNumber"
                    : "X-TIKA:versionNumber";
            String number = document.first(field);
            String saved = savedAt(document);
            String value = (number == null ? "?" : number) + (saved.isEmpty() ? "" : " (" + saved + ")");
            found.add(INCREMENTAL_UPDATE, field, "earlier revision " + value);
        }
    }

    private static String savedAt(ParsedDocument document) {
        for (String field : List.of("pdf:docinfo:modified", "dcterms:modified", "xmp:ModifyDate")) {
            Optional<DatedValue> date = MetadataDates.first(document, field);
            if (date.isPresent()) {
                return field + " " + date.get().raw();
            }
        }
        return "";
    }

    private static boolean isPositive(String number) {
        try {
            return Long.parseLong(number.strip()) > 0;
        } catch (NumberFormatException e) {
            // not a count Tika wrote: nothing to say about it
            return false;
        }
    }
}
