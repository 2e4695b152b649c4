package org.leakdesk.intake.internal;

import static org.leakdesk.intake.FindingType.AUTHOR;
import static org.leakdesk.intake.FindingType.CAMERA;
import static org.leakdesk.intake.FindingType.COMPANY;
import static org.leakdesk.intake.FindingType.CUSTOM_PROPERTY;
import static org.leakdesk.intake.FindingType.EMAIL_ADDRESS;
import static org.leakdesk.intake.FindingType.EMAIL_HEADER;
import static org.leakdesk.intake.FindingType.GPS_POSITION;
import static org.leakdesk.intake.FindingType.LAST_AUTHOR;
import static org.leakdesk.intake.FindingType.MANAGER;
import static org.leakdesk.intake.FindingType.TEMPLATE_PATH;
import static org.leakdesk.intake.FindingType.USER_NAME_IN_PATH;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/** Traces of a person or a place: who wrote it, for whom, on which machine, with which camera, where. */
final class IdentifyingRules {

    private static final Map<String, FindingType> PERSON_FIELDS = Map.of(
            "dc:creator", AUTHOR,
            "meta:author", AUTHOR,
            "meta:initial-author", AUTHOR,
            "meta:last-author", LAST_AUTHOR,
            "cp:lastModifiedBy", LAST_AUTHOR,
            "extended-properties:Company", COMPANY,
            "extended-properties:Manager", MANAGER);

    private static final List<String> CAMERA_FIELDS = List.of("tiff:Make", "tiff:Model");

    /** Who sent a message, to whom, and the machines it passed through. */
    private static final Set<String> EMAIL_FIELDS = Set.of(
            "Message-From",
            "Message-To",
            "Message-Cc",
            "Message-Bcc",
            "Message-Recipient-Address",
            "Message:From-Email",
            "Message:From-Name",
            "Message:To-Email",
            "Message:CC-Email",
            "Message:BCC-Email",
            "meta:mapi-from-representing-email",
            "mapi:from-representing-email",
            "mapi:internet-message-id");

    private static final String RAW_HEADER = "Message:Raw-Header:";
    private static final Set<String> ROUTING_HEADERS = Set.of(
            "received",
            "message-id",
            "return-path",
            "reply-to",
            "sender",
            "from",
            "to",
            "cc",
            "bcc",
            "delivered-to",
            "x-original-to",
            "x-originating-ip",
            "x-sender",
            "x-mailer",
            "user-agent",
            "x-forwarded-for",
            "x-forwarded-to",
            "in-reply-to",
            "references");

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Fields whose values look like addresses but are identifiers ({@code <id@host>}). */
    private static final Pattern NOT_ADDRESSES =
            Pattern.compile("(?i).*(message-id|in-reply-to|references|dkim|domainkey|conversation).*");

    /**
     * A user's home folder on Windows, Linux or macOS. Not after a letter, digit or dot, so a web
     * address's {@code example.com/users/x} does not count; {@code file:///home/x} does.
     */
    private static final Pattern USER_FOLDER = Pattern.compile("(?i)(?:\\b[a-z]:[\\\\/](?:users|documents and settings)"
            + "[\\\\/]([^\\\\/:*?\"<>|\\r\\n,;]+)|(?<![\\w.-])/(?:home|users)/([^/\\s,;:\"'<>]+))");
    /** Folders every machine has: not a person. */
    private static final Set<String> SHARED_FOLDERS =
            Set.of("public", "shared", "default", "default user", "all users", "administrator", "guest");

    private IdentifyingRules() {}

    static void check(ParsedDocument document, DocumentFindings found) {
        PERSON_FIELDS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(field -> each(document, field.getKey(), found, field.getValue()));
        CAMERA_FIELDS.forEach(field -> each(document, field, found, CAMERA));
        templatePath(document, found);
        gpsPosition(document, found);
        for (Map.Entry<String, List<String>> field : document.metadata().entrySet()) {
            String key = field.getKey();
            if (key.startsWith("custom:")) {
                each(document, key, found, CUSTOM_PROPERTY);
            }
            if (isSerialNumber(key)) {
                each(document, key, found, CAMERA);
            }
            if (EMAIL_FIELDS.contains(key) || isRoutingHeader(key)) {
                each(document, key, found, EMAIL_HEADER);
            }
            for (String value : field.getValue()) {
                addresses(key, value, found);
                userFolders(key, value, found);
            }
        }
    }

    private static void each(ParsedDocument document, String field, DocumentFindings found, FindingType type) {
        document.values(field).forEach(value -> found.add(type, field, value));
    }

    /** Only a template with a folder says something: "Normal.dotm" is everyone's. */
    private static void templatePath(ParsedDocument document, DocumentFindings found) {
        String field = "extended-properties:Template";
        document.values(field).stream()
                .filter(template -> template.contains("\\") || template.contains("/"))
                .forEach(template -> found.add(TEMPLATE_PATH, field, template));
    }

    private static void gpsPosition(ParsedDocument document, DocumentFindings found) {
        String latitude = document.first("geo:lat");
        String longitude = document.first("geo:long");
        if (latitude != null && longitude != null && !latitude.isBlank() && !longitude.isBlank()) {
            found.add(GPS_POSITION, "geo:lat, geo:long", latitude.strip() + ", " + longitude.strip());
        }
    }

    /** EXIF and maker-note serial numbers: "Exif SubIFD:Body Serial Number", "Canon Makernote:Camera Serial Number". */
    private static boolean isSerialNumber(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return normalized.contains("serialnumber") && !key.startsWith("custom:");
    }

    private static boolean isRoutingHeader(String key) {
        return key.startsWith(RAW_HEADER)
                && ROUTING_HEADERS.contains(
                        key.substring(RAW_HEADER.length()).strip().toLowerCase(Locale.ROOT));
    }

    private static void addresses(String key, String value, DocumentFindings found) {
        if (key.startsWith("X-TIKA:") || NOT_ADDRESSES.matcher(key).matches()) {
            return;
        }
        Matcher address = EMAIL.matcher(value);
        while (address.find()) {
            found.add(EMAIL_ADDRESS, key, address.group());
        }
    }

    /** The value is the path up to the user's folder: enough to see the name, not the rest of the path. */
    private static void userFolders(String key, String value, DocumentFindings found) {
        Matcher folder = USER_FOLDER.matcher(value);
        while (folder.find()) {
            String user = folder.group(1) != null ? folder.group(1) : folder.group(2);
            if (!SHARED_FOLDERS.contains(user.strip().toLowerCase(Locale.ROOT))) {
                found.add(USER_NAME_IN_PATH, key, folder.group().strip());
            }
        }
    }
}
