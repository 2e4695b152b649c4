package org.leakdesk.intake.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/** Dates, tools and revisions that do not fit together: questions to put to the verification. */
final class ConsistencyRules {

    /** Date fields as Tika writes them (ISO 8601, with or without an offset). */
    private static final List<String> DATE_FIELDS = List.of(
            "dcterms:created",
            "dcterms:modified",
            "xmp:CreateDate",
            "xmp:ModifyDate",
            "xmp:MetadataDate",
            "exif:DateTimeOriginal",
            "pdf:docinfo:created",
            "pdf:docinfo:modified",
            "meta:print-date",
            "meta:save-date");

    /** The first year a format can have been written in; older dates are invented or converted. */
    private static final Map<String, Integer> FORMAT_SINCE = Map.of(
            "application/pdf", 1993,
            "officedocument", 2006,
            "opendocument", 2005,
            "image/jpeg", 1992,
            "image/png", 1996,
            "image/webp", 2010,
            "image/heic", 2015);

    /** Products that write documents, by family: a creator and a producer of different families disagree. */
    private static final Map<String, List<String>> TOOL_FAMILIES = Map.of(
            "Microsoft Office", List.of("microsoft", "word", "excel", "powerpoint"),
            "LibreOffice/OpenOffice", List.of("libreoffice", "openoffice"),
            "Apple", List.of("textedit", "pages", "keynote", "numbers", "quartz", "mac os", "macos"),
            "Google Docs", List.of("google docs"),
            "TeX", List.of("latex", "pdftex", "xetex", "luatex"));

    private static final Pattern OFFSET =
            Pattern.compile("[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?([+-]\\d{2}:?\\d{2})$");

    private ConsistencyRules() {}

    static void apply(ParsedDocument document, Instant now, List<Finding> found) {
        createdAfterModified(document, found);
        datesOutOfRange(document, now, found);
        toolsDisagree(document, found);
        timeZones(document, found);
        incrementalUpdates(document, found);
    }

    private static void createdAfterModified(ParsedDocument document, List<Finding> found) {
        Optional<Instant> created = instant(document.first("dcterms:created"));
        Optional<Instant> modified = instant(document.first("dcterms:modified"));
        if (created.isPresent() && modified.isPresent() && created.get().isAfter(modified.get())) {
            found.add(IdentifyingRules.finding(
                    FindingType.CREATED_AFTER_MODIFIED,
                    document,
                    "dcterms:created, dcterms:modified",
                    "created " + document.first("dcterms:created") + ", modified "
                            + document.first("dcterms:modified")));
        }
    }

    private static void datesOutOfRange(ParsedDocument document, Instant now, List<Finding> found) {
        Integer since = formatSince(document.first(Keys.CONTENT_TYPE));
        for (String field : DATE_FIELDS) {
            for (String value : document.values(field)) {
                Optional<Instant> date = instant(value);
                if (date.isEmpty()) {
                    continue;
                }
                // A day's grace: a document's local time may lie ahead of UTC.
                if (date.get().isAfter(now.plus(Duration.ofDays(1)))) {
                    found.add(IdentifyingRules.finding(FindingType.DATE_IN_FUTURE, document, field, value));
                } else if (since != null && date.get().atOffset(ZoneOffset.UTC).getYear() < since) {
                    found.add(IdentifyingRules.finding(
                            FindingType.DATE_BEFORE_FORMAT_EXISTED,
                            document,
                            field,
                            value + " (the format dates from " + since + ")"));
                }
            }
        }
    }

    private static Integer formatSince(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return FORMAT_SINCE.entrySet().stream()
                .filter(entry -> type.startsWith(entry.getKey()) || type.contains(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Conservative: only two named families that differ, e.g. "Microsoft Word" made with "LibreOffice". */
    private static void toolsDisagree(ParsedDocument document, List<Finding> found) {
        String creator = document.first("xmp:CreatorTool");
        String producer = document.first("pdf:producer");
        if (creator == null || producer == null) {
            return;
        }
        Optional<String> creatorFamily = family(creator);
        Optional<String> producerFamily = family(producer);
        if (creatorFamily.isPresent() && producerFamily.isPresent() && !creatorFamily.equals(producerFamily)) {
            found.add(IdentifyingRules.finding(
                    FindingType.TOOLS_DISAGREE,
                    document,
                    "xmp:CreatorTool, pdf:producer",
                    "created with " + creator + ", produced by " + producer));
        }
    }

    private static Optional<String> family(String tool) {
        String name = tool.toLowerCase(Locale.ROOT);
        return TOOL_FAMILIES.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(name::contains))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Only explicit offsets count: "Z" is what many tools write after converting to UTC. */
    private static void timeZones(ParsedDocument document, List<Finding> found) {
        Set<String> offsets = new LinkedHashSet<>();
        List<String> fields = new ArrayList<>();
        for (String field : DATE_FIELDS) {
            for (String value : document.values(field)) {
                Matcher matcher = OFFSET.matcher(value.strip());
                if (matcher.find() && offsets.add(matcher.group(1).replace(":", ""))) {
                    fields.add(field + " " + value);
                }
            }
        }
        if (offsets.size() > 1) {
            found.add(IdentifyingRules.finding(
                    FindingType.TIME_ZONES_DISAGREE,
                    document,
                    String.join(
                            ", ",
                            DATE_FIELDS.stream()
                                    .filter(field -> !document.values(field).isEmpty())
                                    .toList()),
                    String.join("; ", fields)));
        }
    }

    /** The file says how often it was changed after saving; each earlier revision says when. */
    private static void incrementalUpdates(ParsedDocument document, List<Finding> found) {
        String count = document.first(Keys.INCREMENTAL_UPDATES);
        if (count != null && !count.strip().equals("0")) {
            found.add(IdentifyingRules.finding(
                    FindingType.INCREMENTAL_UPDATE,
                    document,
                    Keys.INCREMENTAL_UPDATES,
                    count.strip() + (count.strip().equals("1") ? " update" : " updates")
                            + " after it was first saved"));
        }
        if ("VERSION".equals(document.first(Keys.EMBEDDED_RESOURCE_TYPE))) {
            String modified = document.first("dcterms:modified");
            found.add(IdentifyingRules.finding(
                    FindingType.INCREMENTAL_UPDATE,
                    document,
                    "dcterms:modified",
                    "earlier revision " + document.path() + (modified == null ? "" : ", saved " + modified)));
        }
    }

    /** ISO 8601 with or without an offset (without: taken as UTC). */
    static Optional<Instant> instant(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
