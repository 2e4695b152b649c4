package org.leakdesk.intake.internal;

import java.util.List;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Document parsers log fragments of what they parse (PDFBox, for one, quotes unexpected tokens of
 * a damaged PDF in its warnings). Their loggers are switched off whenever Tika runs in this
 * process, whatever the application's logging configuration says: no document content in logs.
 */
final class ParserLogging {

    static final List<String> PARSER_LOGGERS = List.of(
            "org.apache.tika",
            "org.apache.pdfbox",
            "org.apache.fontbox",
            "org.apache.xmpbox",
            "org.apache.poi",
            "org.apache.xmlbeans",
            "org.apache.commons.compress",
            "org.apache.james.mime4j",
            "com.drew",
            "com.github.junrar",
            "org.tukaani",
            "com.epam.parso",
            "org.gagravarr",
            "org.mp4parser",
            "ucar",
            "org.jsoup",
            "org.ccil.cowan.tagsoup");

    private ParserLogging() {}

    static void silence() {
        LoggingSystem logging = LoggingSystem.get(ParserLogging.class.getClassLoader());
        PARSER_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.OFF));
    }
}
