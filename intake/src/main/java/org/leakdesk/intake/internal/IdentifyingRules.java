package org.leakdesk.intake.internal;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/** Traces of people and places: names, organisations, user folders, addresses, positions, cameras. */
final class IdentifyingRules {

    private static final Map<String, FindingType> NAMED_FIELDS = orderedFields();

    /** Headers that show a message's route or origin; From and To are covered as e-mail addresses. */
    private static final List<String> ROUTING_HEADERS = List.of(
            "Received",
            "Message-ID",
            "X-Originating-IP",
            "Return-Path",
            "X-Mailer",
            "User-Agent",
            "In-Reply-To",
            "References",
            "Reply-To");

    private static final Pattern USER_FOLDER = Pattern.compile(
            "(?i)(?:[a-z]:\\\\(?:users|documents and settings)\\\\[^\\\\/:*?\"<>|\\s]+" + "|/(?:home|Users)/[^/\\s]+)");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private IdentifyingRules() {}

    static void apply(ParsedDocument document, List<Finding> found) {
        NAMED_FIELDS.forEach((key, type) -> document.values(key).stream()
                .filter(value -> !value.isBlank())
                .forEach(value -> found.add(finding(type, document, key, value))));
        templatePath(document, found);
        routingHeaders(document, found);
        gpsPosition(document, found);
        camera(document, found);
        document.metadata().keySet().stream()
                .filter(key -> key.startsWith("custom:"))
                .forEach(key -> found.add(finding(
                        FindingType.CUSTOM_PROPERTY, document, key, key.substring(7) + " = " + document.first(key))));
        scanAllValues(document, found);
    }

    private static Map<String, FindingType> orderedFields() {
        Map<String, FindingType> fields = new java.util.LinkedHashMap<>();
        for (String key : List.of("dc:creator", "meta:author", "Author", "Artist", "By-line", "Copyright Notice")) {
            fields.put(key, FindingType.AUTHOR);
        }
        fields.put("meta:last-author", FindingType.LAST_AUTHOR);
        fields.put("extended-properties:Company", FindingType.COMPANY);
        fields.put("dc:publisher", FindingType.COMPANY);
        fields.put("extended-properties:Manager", FindingType.MANAGER);
        fields.put(Keys.COMMENT_PERSONS, FindingType.AUTHOR);
        return fields;
    }

    /** "Normal.dotm" says nothing; "C:\Users\jdoe\Templates\Memo.dotx" says who and where. */
    private static void templatePath(ParsedDocument document, List<Finding> found) {
        for (String key : List.of("extended-properties:Template", "meta:template")) {
            String template = document.first(key);
            if (template != null && (template.contains("/") || template.contains("\\"))) {
                found.add(finding(FindingType.TEMPLATE_PATH, document, key, template));
            }
        }
    }

    private static void routingHeaders(ParsedDocument document, List<Finding> found) {
        for (String header : ROUTING_HEADERS) {
            String key = "Message:Raw-Header:" + header;
            document.values(key).forEach(value -> found.add(finding(FindingType.EMAIL_HEADER, document, key, value)));
        }
    }

    private static void gpsPosition(ParsedDocument document, List<Finding> found) {
        String latitude = document.first("geo:lat");
        String longitude = document.first("geo:long");
        if (latitude != null && longitude != null) {
            found.add(finding(FindingType.GPS_POSITION, document, "geo:lat, geo:long", latitude + ", " + longitude));
        } else if (document.first("GPS:GPS Latitude") != null) {
            found.add(finding(
                    FindingType.GPS_POSITION,
                    document,
                    "GPS:GPS Latitude, GPS:GPS Longitude",
                    document.first("GPS:GPS Latitude") + " " + orEmpty(document.first("GPS:GPS Latitude Ref")) + ", "
                            + orEmpty(document.first("GPS:GPS Longitude")) + " "
                            + orEmpty(document.first("GPS:GPS Longitude Ref"))));
        }
    }

    private static void camera(ParsedDocument document, List<Finding> found) {
        String make = document.first("tiff:Make");
        String model = document.first("tiff:Model");
        if (make != null || model != null) {
            found.add(finding(
                    FindingType.CAMERA,
                    document,
                    "tiff:Make, tiff:Model",
                    (orEmpty(make) + " " + orEmpty(model)).strip()));
        }
        document.metadata().keySet().stream()
                .filter(key -> key.toLowerCase(java.util.Locale.ROOT).contains("serial number"))
                .forEach(key -> found.add(finding(FindingType.CAMERA, document, key, "serial " + document.first(key))));
    }

    /** User folders and e-mail addresses can sit in any field: a title, a path, a hyperlink base. */
    private static void scanAllValues(ParsedDocument document, List<Finding> found) {
        document.metadata().forEach((key, values) -> {
            if (Keys.isBookkeeping(key)) {
                return;
            }
            for (String value : values) {
                matches(USER_FOLDER, value)
                        .forEach(path -> found.add(finding(FindingType.USER_NAME_IN_PATH, document, key, path)));
                matches(EMAIL, value)
                        .forEach(address -> found.add(finding(FindingType.EMAIL_ADDRESS, document, key, address)));
            }
        });
    }

    private static List<String> matches(Pattern pattern, String value) {
        Matcher matcher = pattern.matcher(value);
        List<String> all = new java.util.ArrayList<>();
        while (matcher.find()) {
            all.add(matcher.group());
        }
        return all;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static Finding finding(FindingType type, ParsedDocument document, String field, String value) {
        return new Finding(type, document.path(), field, FindingRules.clip(value));
    }
}
