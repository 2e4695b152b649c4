package org.leakdesk.intake.parserchild;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.DigestingParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ParserDecorator;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.parser.digestutils.CommonsDigester;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.apache.tika.sax.RecursiveParserWrapperHandler;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParsedDocument;
import org.leakdesk.intake.parsing.ParserLimits;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika over one file and everything embedded in it: metadata of each document, its SHA-256 and
 * language, and the text, all within the limits. Exceptions become one-line reasons that name the
 * kind of failure, never its message (parsers quote document content in their messages).
 */
final class DocumentParsing {

    static final String EXTRACTOR = Tika.getString();

    private static final int MAX_FIELDS = 400;
    private static final int MAX_VALUE_LENGTH = 2000;
    private static final int DIGEST_MARK_LIMIT = 64 * 1024 * 1024;

    private final Parser parser = new AutoDetectParser();
    private final LanguageDetector languages = new OptimaizeLangDetector().loadModels();
    private final ParserLimits limits;

    DocumentParsing(ParserLimits limits) {
        this.limits = limits;
    }

    ParseReport parse(InputStream document, String fileName) {
        ParseContext context = context();
        BasicContentHandlerFactory text = new BasicContentHandlerFactory(
                BasicContentHandlerFactory.HANDLER_TYPE.TEXT, limits.textLimit(), false, context);
        RecursiveParserWrapperHandler handler = new RecursiveParserWrapperHandler(text, limits.maxEmbedded());
        Parser digesting = new DigestingParser(parser, new CommonsDigester(DIGEST_MARK_LIMIT, "sha256"), false);
        RecursiveParserWrapper wrapper = new RecursiveParserWrapper(new DepthLimit(digesting, limits.maxDepth()));
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        String problem = null;
        try {
            wrapper.parse(document, handler, metadata, context);
        } catch (Exception | StackOverflowError e) {
            problem = describe(e);
        }
        List<Metadata> reported = handler.getMetadataList();
        if (problem == null && !reported.isEmpty()) {
            problem = containerProblem(reported.get(0));
        }
        List<ParsedDocument> documents = new ArrayList<>();
        for (Metadata each : reported) {
            documents.add(document(each));
        }
        if (documents.isEmpty()) {
            documents.add(document(metadata));
        }
        return new ParseReport(EXTRACTOR, problem, documents);
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setExtractIncrementalUpdateInfo(true);
        pdf.setParseIncrementalUpdates(true);
        pdf.setMaxIncrementalUpdates(20);
        pdf.setExtractActions(true);
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        office.setExtractMacros(true);
        office.setIncludeDeletedContent(true);
        office.setIncludeMoveFromContent(true);
        office.setIncludeHeadersAndFooters(true);
        office.setIncludeSlideNotes(true);
        context.set(OfficeParserConfig.class, office);
        return context;
    }

    private ParsedDocument document(Metadata metadata) {
        String content = metadata.get(TikaCoreProperties.TIKA_CONTENT);
        String text = content == null ? "" : content.strip();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Arrays.stream(metadata.names())
                .filter(name -> !name.equals(TikaCoreProperties.TIKA_CONTENT.getName()))
                // Tika's own namespaced keys (geo:lat, tiff:Make, dc:creator) before the long tail of
                // capitalised format-specific tags, so a photo's maker notes cannot push them past the cap.
                .sorted(Comparator.comparing((String name) -> !isStandardKey(name))
                        .thenComparing(name -> name))
                .limit(MAX_FIELDS)
                .forEach(name -> fields.put(name, values(name, metadata.getValues(name))));
        String language = language(text);
        if (language != null) {
            fields.put(ParsedDocument.LANGUAGE, List.of(language));
        }
        String path = metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_PATH);
        return new ParsedDocument(path == null ? "" : path, fields, text);
    }

    private static boolean isStandardKey(String name) {
        int colon = name.indexOf(':');
        return colon > 0 && Character.isLowerCase(name.charAt(0)) && name.indexOf(' ') < 0;
    }

    /** Exception fields hold stack traces whose messages may quote content: keep the class name only. */
    private static List<String> values(String name, String[] values) {
        boolean exception = name.startsWith(TikaCoreProperties.TIKA_META_EXCEPTION_PREFIX);
        return Arrays.stream(values)
                .map(value -> exception ? exceptionType(value) : clip(value))
                .toList();
    }

    private static String exceptionType(String stackTrace) {
        int end = stackTrace.length();
        for (char stop : new char[] {':', '\n', '\r'}) {
            int at = stackTrace.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String type = stackTrace.substring(0, end).strip();
        return type.matches("[\\w.$]+") ? type : "exception";
    }

    private static String clip(String value) {
        return value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "…" : value;
    }

    private @Nullable String language(String text) {
        if (text.isBlank()) {
            return null;
        }
        languages.reset();
        languages.addText(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        LanguageResult result = languages.detect();
        return result.isReasonablyCertain() ? result.getLanguage() : null;
    }

    /**
     * RecursiveParserWrapper records an exception of the file itself in its metadata rather than
     * throwing it; the stack trace is read only for exception types.
     */
    private static @Nullable String containerProblem(Metadata file) {
        String trace = file.get(TikaCoreProperties.CONTAINER_EXCEPTION);
        if (trace == null) {
            return null;
        }
        if (trace.contains("EncryptedDocumentException")) {
            return "it is password-protected or encrypted";
        }
        String type = exceptionType(trace);
        return "Tika could not read it (" + type.substring(type.lastIndexOf('.') + 1) + ")";
    }

    /** What kind of failure, for a reviewer; never the exception's message. */
    static String describe(Throwable e) {
        if (e instanceof EncryptedDocumentException || e.getCause() instanceof EncryptedDocumentException) {
            return "it is password-protected or encrypted";
        }
        if (e instanceof StackOverflowError) {
            return "it is nested too deeply";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "Tika could not read it (" + root.getClass().getSimpleName() + ")";
    }

    /** Stops following embedded documents below a depth; the skipped ones are still listed. */
    private static final class DepthLimit extends ParserDecorator {

        private final int maxDepth;
        private int depth;

        DepthLimit(Parser parser, int maxDepth) {
            super(parser);
            this.maxDepth = maxDepth;
        }

        @Override
        public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
                throws IOException, SAXException, org.apache.tika.exception.TikaException {
            // depth 0 is the file itself
            if (depth > maxDepth) {
                metadata.set(ParsedDocument.NOT_PARSED, "nested deeper than " + maxDepth + " levels");
                return;
            }
            depth++;
            try {
                super.parse(stream, handler, metadata, context);
            } finally {
                depth--;
            }
        }
    }
}
