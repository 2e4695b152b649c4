package org.leakdesk.intake.internal;

import java.util.List;
import java.util.Set;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/** What a reader does not see when opening the document: attachments, comments, macros, hidden parts, locks. */
final class HiddenContentRules {

    /** Embedded resources that are part of what a reader sees, or bookkeeping of the format itself. */
    private static final Set<String> NOT_HIDDEN =
            Set.of("INLINE", "VERSION", "MACRO", "FONT", "THUMBNAIL", "RENDERING");

    private static final List<String> HIDDEN_PART_FIELDS = List.of(
            "msoffice:excel:has-hidden-sheets",
            "msoffice:excel:has-very-hidden-sheets",
            "msoffice:excel:has-hidden-cols",
            "msoffice:excel:has-hidden-rows");

    private static final Set<String> ENCRYPTED_TYPES = Set.of(
            "application/x-tika-ooxml-protected", "application/pgp-encrypted", "application/x-tika-msoffice-encrypted");

    private HiddenContentRules() {}

    static void apply(ParsedDocument document, List<Finding> found) {
        embeddedFile(document, found);
        macro(document, found);
        if ("true".equals(document.first(Keys.HAS_COMMENTS))) {
            found.add(IdentifyingRules.finding(
                    FindingType.COMMENTS, document, Keys.HAS_COMMENTS, commentAuthors(document)));
        }
        for (String field : HIDDEN_PART_FIELDS) {
            if ("true".equals(document.first(field))) {
                found.add(IdentifyingRules.finding(FindingType.HIDDEN_PARTS, document, field, hiddenSheets(document)));
            }
        }
        encrypted(document, found);
    }

    private static void embeddedFile(ParsedDocument document, List<Finding> found) {
        String resourceType = document.first(Keys.EMBEDDED_RESOURCE_TYPE);
        if (document.path().isEmpty() || (resourceType != null && NOT_HIDDEN.contains(resourceType))) {
            return;
        }
        String type = document.first(Keys.CONTENT_TYPE);
        found.add(IdentifyingRules.finding(
                FindingType.EMBEDDED_FILE,
                document,
                "X-TIKA:embedded_resource_path",
                document.path() + (type == null ? "" : " (" + type + ")")));
    }

    private static void macro(ParsedDocument document, List<Finding> found) {
        if ("MACRO".equals(document.first(Keys.EMBEDDED_RESOURCE_TYPE))) {
            found.add(IdentifyingRules.finding(
                    FindingType.MACROS, document, Keys.EMBEDDED_RESOURCE_TYPE, document.path()));
        }
    }

    private static String commentAuthors(ParsedDocument document) {
        List<String> persons = document.values(Keys.COMMENT_PERSONS);
        return persons.isEmpty() ? "comments present" : "comments by " + String.join(", ", persons);
    }

    private static String hiddenSheets(ParsedDocument document) {
        List<String> names = document.values("msoffice:excel:hidden-sheet-names");
        List<String> veryHidden = document.values("msoffice:excel:very-hidden-sheet-names");
        if (names.isEmpty() && veryHidden.isEmpty()) {
            return "hidden parts present";
        }
        return "hidden sheets: " + String.join(", ", names)
                + (veryHidden.isEmpty() ? "" : "; very hidden: " + String.join(", ", veryHidden));
    }

    private static void encrypted(ParsedDocument document, List<Finding> found) {
        if ("true".equals(document.first("pdf:encrypted"))) {
            found.add(
                    IdentifyingRules.finding(FindingType.ENCRYPTED, document, "pdf:encrypted", "the PDF is encrypted"));
        } else if ("true".equals(document.first("X-TIKA:encrypted"))) {
            found.add(IdentifyingRules.finding(
                    FindingType.ENCRYPTED, document, "X-TIKA:encrypted", "password-protected"));
        } else if (document.first(Keys.CONTENT_TYPE) != null
                && ENCRYPTED_TYPES.contains(
                        document.first(Keys.CONTENT_TYPE).split(";")[0].strip())) {
            found.add(IdentifyingRules.finding(
                    FindingType.ENCRYPTED, document, Keys.CONTENT_TYPE, document.first(Keys.CONTENT_TYPE)));
        } else if (exceptionNamed(document, "EncryptedDocumentException")) {
            found.add(IdentifyingRules.finding(
                    FindingType.ENCRYPTED, document, "X-TIKA:EXCEPTION", "could not be opened: password-protected"));
        }
    }

    private static boolean exceptionNamed(ParsedDocument document, String name) {
        return document.metadata().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("X-TIKA:EXCEPTION:"))
                .flatMap(entry -> entry.getValue().stream())
                .anyMatch(value -> value.endsWith(name));
    }
}
