package org.leakdesk.intake.internal;

import static org.leakdesk.intake.FindingType.TOOLS_DISAGREE;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.parsing.ParsedDocument;

/**
 * Creator tool and producer that do not fit together. Deliberately conservative, because a
 * document passes through printer drivers, PDF libraries and converters in many honest ways:
 *
 * <ul>
 *   <li>An office suite writes its own name as the PDF producer when it exports. The creator
 *       naming one suite (Microsoft Office, or LibreOffice and its relatives) while the producer
 *       names the other means the file went through a second suite. Printer drivers, Quartz,
 *       Distiller and PDF libraries belong to no suite and never count.
 *   <li>A PDF records its producer twice, in the document information and in XMP. When the two
 *       differ, a tool updated one but not the other, as later editors commonly do.
 * </ul>
 */
final class ToolRules {

    private enum Suite {
        MICROSOFT_OFFICE(Pattern.compile(
                "(?i).*\\bmicrosoft\\W*(?:office\\W*)?(?:word|excel|powerpoint|publisher|visio|office\\b).*")),
        LIBREOFFICE(Pattern.compile(
                "(?i)(?:writer|calc|impress|draw)|.*\\b(?:libreoffice|openoffice|neooffice|staroffice)\\b.*"));

        private final Pattern names;

        Suite(Pattern names) {
            this.names = names;
        }

        static @Nullable Suite of(String tool) {
            String name = tool.strip();
            // "Microsoft: Print To PDF" is the Windows printer, not Office
            if (name.toLowerCase(Locale.ROOT).contains("print to pdf")) {
                return null;
            }
            for (Suite suite : values()) {
                if (suite.names.matcher(name).matches()) {
                    return suite;
                }
            }
            return null;
        }
    }

    private static final List<String> CREATOR_FIELDS = List.of("xmp:CreatorTool", "pdf:docinfo:creator_tool");
    private static final List<String> PRODUCER_FIELDS =
            List.of("pdf:producer", "pdf:docinfo:producer", "xmp:pdf:Producer");

    private ToolRules() {}

    static void check(ParsedDocument document, DocumentFindings found) {
        suitesDisagree(document, found);
        producerRecordsDisagree(document, found);
    }

    private static void suitesDisagree(ParsedDocument document, DocumentFindings found) {
        Optional<String> creatorField = firstPresent(document, CREATOR_FIELDS);
        Optional<String> producerField = firstPresent(document, PRODUCER_FIELDS);
        if (creatorField.isEmpty() || producerField.isEmpty()) {
            return;
        }
        String creator = document.first(creatorField.get());
        String producer = document.first(producerField.get());
        Suite creatorSuite = Suite.of(creator);
        Suite producerSuite = Suite.of(producer);
        if (creatorSuite != null && producerSuite != null && creatorSuite != producerSuite) {
            found.add(TOOLS_DISAGREE, creatorField.get() + " / " + producerField.get(), creator + " / " + producer);
        }
    }

    private static void producerRecordsDisagree(ParsedDocument document, DocumentFindings found) {
        String info = document.first("pdf:docinfo:producer");
        String xmp = document.first("xmp:pdf:Producer");
        if (info == null || xmp == null || info.isBlank() || xmp.isBlank()) {
            return;
        }
        if (!normalized(info).equals(normalized(xmp))) {
            found.add(TOOLS_DISAGREE, "pdf:docinfo:producer / xmp:pdf:Producer", info.strip() + " / " + xmp.strip());
        }
    }

    private static Optional<String> firstPresent(ParsedDocument document, List<String> fields) {
        return fields.stream()
                .filter(field -> {
                    String value = document.first(field);
                    return value != null && !value.isBlank();
                })
                .findFirst();
    }

    private static String normalized(String tool) {
        return tool.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
