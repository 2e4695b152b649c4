package org.leakdesk.intake.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.EmbeddedDocument;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.ExtractedMetadata.Outcome;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParsedDocument;

/** Turns a parser child's report into what LeakDesk stores: the metadata record and the text. */
final class ParseResults {

    /** Keys as Tika writes them; plain strings, so no parser class is loaded here. */
    static final String CONTENT_TYPE = "Content-Type";

    static final String SHA256 = "X-TIKA:digest:SHA256";
    static final String EMBEDDED_EXCEPTION = "X-TIKA:EXCEPTION:embedded_exception";

    private ParseResults() {}

    /** The metadata of the file and what is embedded in it, with the findings. */
    static ExtractedMetadata metadata(ParseReport report, Instant extractedAt) {
        ParsedDocument file = report.documents().get(0);
        List<Finding> findings = FindingRules.findings(report.documents(), extractedAt);
        if (report.problem() != null) {
            return ExtractedMetadata.unparseable(
                    report.extractor(),
                    extractedAt,
                    file.first(CONTENT_TYPE),
                    report.problem(),
                    file.metadata(),
                    findings);
        }
        return new ExtractedMetadata(
                Outcome.EXTRACTED,
                report.extractor(),
                extractedAt,
                file.first(CONTENT_TYPE),
                firstOf(file, "dc:creator", "meta:author"),
                file.first("meta:last-author"),
                file.first("dcterms:created"),
                file.first("dcterms:modified"),
                firstOf(file, "xmp:CreatorTool", "pdf:producer"),
                pageCount(file),
                file.first(ParsedDocument.LANGUAGE),
                null,
                file.metadata(),
                findings,
                report.documents().stream().skip(1).map(ParseResults::embedded).toList(),
                null);
    }

    /**
     * All text of the file, embedded documents after the file's own, each under a heading that
     * names it.
     */
    static String text(ParseReport report) {
        return report.documents().stream()
                .filter(document -> !document.text().isBlank())
                .map(document -> document.path().isEmpty()
                        ? document.text()
                        : "――― " + document.path() + " ―――\n" + document.text())
                .collect(Collectors.joining("\n\n"));
    }

    private static EmbeddedDocument embedded(ParsedDocument document) {
        String problem = document.first(ParsedDocument.NOT_PARSED);
        if (problem == null && document.first(EMBEDDED_EXCEPTION) != null) {
            problem = "could not be read (" + simpleName(document.first(EMBEDDED_EXCEPTION)) + ")";
        }
        return new EmbeddedDocument(
                document.path(), document.first(CONTENT_TYPE), document.first(SHA256), problem, document.metadata());
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static @Nullable String firstOf(ParsedDocument document, String... keys) {
        for (String key : keys) {
            String value = document.first(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable Integer pageCount(ParsedDocument document) {
        String pages = firstOf(document, "xmpTPg:NPages", "meta:page-count");
        try {
            return pages == null ? null : Integer.valueOf(pages.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
