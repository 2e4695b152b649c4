package org.leakdesk.intake.parsing;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a parser child returns for one file.
 *
 * @param extractor the parser and its version, e.g. {@code Apache Tika 3.2.3}
 * @param problem why the file itself could not be parsed, in a line that quotes no content; null if it could
 * @param documents the file first, then everything embedded in it that was reached
 */
public record ParseReport(String extractor, @Nullable String problem, List<ParsedDocument> documents) {

    /**
     * A file no parser read: the report says why, and lists the file alone with nothing known of it.
     *
     * @param reason a line for the reviewer that quotes no content
     */
    public static ParseReport notParsed(String extractor, String reason) {
        return new ParseReport(extractor, "not parsed: " + reason, List.of(new ParsedDocument("", Map.of(), "")));
    }
}
