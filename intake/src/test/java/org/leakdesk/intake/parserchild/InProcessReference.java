package org.leakdesk.intake.parserchild;

import java.io.InputStream;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParserLimits;

/** Tika's AutoDetectParser in the calling JVM, configured as a parser child configures it: the unprotected reference. */
public final class InProcessReference {

    private final DocumentParsing parsing;

    public InProcessReference(ParserLimits limits) {
        this.parsing = new DocumentParsing(limits);
    }

    public ParseReport parse(InputStream document, String fileName) {
        return parsing.parse(document, fileName);
    }
}
