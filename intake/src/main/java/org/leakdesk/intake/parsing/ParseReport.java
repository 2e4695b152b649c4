package org.leakdesk.intake.parsing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a parser child returns for one file.
 *
 * @param extractor the parser and its version, e.g. {@code Apache Tika 3.2.3}
 * @param problem why the file itself could not be parsed, in a line that quotes no content; null if it could
 * @param documents the file first, then everything embedded in it that was reached
 */
public record ParseReport(String extractor, @Nullable String problem, List<ParsedDocument> documents) {}
