package org.leakdesk.intake.internal;

import static org.leakdesk.intake.FindingType.COMMENTS;
import static org.leakdesk.intake.FindingType.EMBEDDED_FILE;
import static org.leakdesk.intake.FindingType.ENCRYPTED;
import static org.leakdesk.intake.FindingType.HIDDEN_PARTS;
import static org.leakdesk.intake.FindingType.MACROS;
import static org.leakdesk.intake.FindingType.TRACKED_CHANGES;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParsedDocument;

/**
 * What a reader does not see when the document opens: files inside it, comments, tracked changes,
 * macros, hidden sheets, slides and text, and parts locked by a password.
 *
 * <p>Key names are Tika's ({@code org.apache.tika.metadata.Office}, {@code PDF},
 * {@code TikaCoreProperties}). Tika 3.2.3 reports comments and hidden sheets, rows and columns;
 * the keys for tracked changes, hidden text and hidden slides are those of later Tika releases,
 * recognised here so the findings appear once the parser child reports them.
 */
final class HiddenContentRules {

    /** Boolean flags: the finding is the flag's field when it says true. */
    private static final Map<String, FindingType> FLAGS = Map.ofEntries(
            Map.entry("msoffice:has-comments", COMMENTS),
            Map.entry("msoffice:has-track-changes", TRACKED_CHANGES),
            Map.entry("msoffice:excel:has-hidden-sheets", HIDDEN_PARTS),
            Map.entry("msoffice:excel:has-very-hidden-sheets", HIDDEN_PARTS),
            Map.entry("msoffice:excel:has-hidden-cols", HIDDEN_PARTS),
            Map.entry("msoffice:excel:has-hidden-rows", HIDDEN_PARTS),
            Map.entry("msoffice:ppt:has-hidden-slides", HIDDEN_PARTS),
            Map.entry("msoffice:doc:has-hidden-text", HIDDEN_PARTS),
            Map.entry("pdf:encrypted", ENCRYPTED),
            Map.entry("X-TIKA:encrypted", ENCRYPTED));

    /** Fields that name what is hidden: each value is a finding. */
    private static final Map<String, FindingType> NAMES = Map.of(
            "msoffice:comment-person-display-name", COMMENTS,
            "msoffice:excel:hidden-sheet-names", HIDDEN_PARTS,
            "msoffice:excel:very-hidden-sheet-names", HIDDEN_PARTS);

    /** Counts of hidden slides; "HiddedSlides" is how Tika 3.2.3 spells it. */
    private static final List<String> HIDDEN_SLIDE_COUNTS = List.of(
            "extended-properties:HiddedSlides", "extended-properties:HiddenSlides", "msoffice:ppt:num-hidden-slides");

    private static final Set<String> ENCRYPTED_TYPES =
            Set.of("application/pgp-encrypted", "application/x-tika-ooxml-protected");

    private static final List<String> RESOURCE_TYPE_FIELDS =
            List.of("embeddedResourceType", "X-TIKA:embedded_resource_type");

    private HiddenContentRules() {}

    static void check(ParsedDocument document, DocumentFindings found) {
        flags(document, found);
        NAMES.forEach((field, type) -> document.values(field).forEach(name -> found.add(type, field, name)));
        for (String field : HIDDEN_SLIDE_COUNTS) {
            document.values(field).stream()
                    .filter(HiddenContentRules::isPositive)
                    .forEach(count -> found.add(HIDDEN_PARTS, field, count));
        }
        encryption(document, found);
        embedded(document, found);
    }

    private static void flags(ParsedDocument document, DocumentFindings found) {
        FLAGS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .filter(flag -> "true"
                        .equalsIgnoreCase(
                                String.valueOf(document.first(flag.getKey())).strip()))
                .forEach(flag -> found.add(flag.getValue(), flag.getKey(), "true"));
    }

    private static void encryption(ParsedDocument document, DocumentFindings found) {
        String contentType = ConsistencyRules.contentType(document);
        if (ENCRYPTED_TYPES.contains(contentType)) {
            found.add(ENCRYPTED, "Content-Type", contentType);
        }
        if ("PasswordProtected"
                .equalsIgnoreCase(String.valueOf(document.first("extended-properties:DocSecurityString")))) {
            found.add(ENCRYPTED, "extended-properties:DocSecurityString", "PasswordProtected");
        }
        // the parser child keeps only the exception's class name, which is all this needs
        document.metadata().forEach((field, values) -> {
            if (field.startsWith("X-TIKA:EXCEPTION:")) {
                values.stream()
                        .filter(type -> type.endsWith("EncryptedDocumentException"))
                        .forEach(type -> found.add(ENCRYPTED, field, type));
            }
        });
    }

    /** Macros and scripts are their own finding; earlier PDF revisions are {@link ConsistencyRules}'. */
    private static void embedded(ParsedDocument document, DocumentFindings found) {
        if (document.path().isEmpty() || FindingRules.isEarlierRevision(document)) {
            return;
        }
        String contentType = ConsistencyRules.contentType(document);
        String description = document.path() + (contentType.isEmpty() ? "" : " (" + contentType + ")");
        boolean macro = RESOURCE_TYPE_FIELDS.stream()
                .anyMatch(field -> "MACRO".equalsIgnoreCase(String.valueOf(document.first(field))));
        found.add(macro ? MACROS : EMBEDDED_FILE, "X-TIKA:embedded_resource_path", description);
    }

    private static boolean isPositive(String count) {
        try {
            return Long.parseLong(count.strip()) > 0;
        } catch (NumberFormatException e) {
            // not a count: nothing to report
            return false;
        }
    }
}
