package org.leakdesk.intake.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.Tika;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.ExtractedMetadata.Outcome;

/**
 * Tika in this JVM, with the limits an in-process parse can have: a cap on extracted text (which
 * also stops decompression bombs), no recursion into embedded documents, a wall-clock timeout,
 * and temporary files in a RAM-backed scratch directory. The separate child process with memory
 * limits is a later step; it replaces this class.
 */
final class InProcessTikaAnalyzer implements DocumentAnalyzer {

    static final String EXTRACTOR = Tika.getString();
    private static final int MAX_FIELDS = 300;
    private static final int MAX_VALUE_LENGTH = 1000;

    private final Parser parser = new AutoDetectParser();
    private final LanguageDetector languages = new OptimaizeLangDetector().loadModels();
    private final int textLimit;
    private final long timeoutSeconds;
    private final Path scratch;
    private final ExecutorService executor;
    private final Clock clock;

    InProcessTikaAnalyzer(int textLimit, long timeoutSeconds, Path scratch, ExecutorService executor, Clock clock) {
        this.textLimit = textLimit;
        this.timeoutSeconds = timeoutSeconds;
        this.scratch = scratch;
        this.executor = executor;
        this.clock = clock;
        ParserLogging.silence();
    }

    @Override
    public ExtractedMetadata analyze(InputStream plaintext, String fileName) throws IOException {
        SourceStream source = new SourceStream(plaintext);
        Future<ExtractedMetadata> parse = executor.submit(() -> parse(source, fileName));
        try {
            return parse.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            return unparseable("parsing took longer than " + timeoutSeconds + " seconds");
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while extracting metadata", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("Metadata extraction failed unexpectedly", e.getCause());
        }
    }

    private ExtractedMetadata parse(SourceStream source, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        BodyContentHandler text = new BodyContentHandler(textLimit);
        String problem = null;
        try (TemporaryResources temporary = new TemporaryResources()) {
            temporary.setTemporaryFileDirectory(scratch);
            // AutoDetectParser recurses into embedded documents with itself unless told otherwise;
            // they are not opened here (listing and analysing them comes with the child process).
            ParseContext context = new ParseContext();
            context.set(Parser.class, EmptyParser.INSTANCE);
            parser.parse(TikaInputStream.get(source, temporary, metadata), text, metadata, context);
        } catch (Exception | StackOverflowError e) {
            if (source.failure != null) {
                // The ciphertext did not authenticate: that is not a property of the document.
                throw source.failure;
            }
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                problem = describe(e);
            }
        }
        if (problem != null) {
            return ExtractedMetadata.unparseable(
                    EXTRACTOR, clock.instant(), metadata.get(Metadata.CONTENT_TYPE), problem, fields(metadata));
        }
        return new ExtractedMetadata(
                Outcome.EXTRACTED,
                EXTRACTOR,
                clock.instant(),
                metadata.get(Metadata.CONTENT_TYPE),
                metadata.get(TikaCoreProperties.CREATOR),
                metadata.get(TikaCoreProperties.MODIFIER),
                metadata.get(TikaCoreProperties.CREATED),
                metadata.get(TikaCoreProperties.MODIFIED),
                first(metadata, TikaCoreProperties.CREATOR_TOOL, PDF.PRODUCER),
                pageCount(metadata),
                language(text.toString()),
                null,
                fields(metadata));
    }

    private ExtractedMetadata unparseable(String problem) {
        return ExtractedMetadata.unparseable(EXTRACTOR, clock.instant(), null, problem, Map.of());
    }

    /** A line for the reviewer: what kind of failure, never the exception's message (it may quote content). */
    private static String describe(Throwable e) {
        if (e instanceof EncryptedDocumentException) {
            return "the document is password-protected or encrypted";
        }
        if (e instanceof StackOverflowError) {
            return "the document is nested too deeply to parse";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "Tika could not parse it (" + root.getClass().getSimpleName() + ")";
    }

    private synchronized @Nullable String language(String text) {
        if (text.isBlank()) {
            return null;
        }
        languages.reset();
        languages.addText(text);
        LanguageResult result = languages.detect();
        return result.isReasonablyCertain() ? result.getLanguage() : null;
    }

    private static @Nullable String first(Metadata metadata, Property... properties) {
        return Arrays.stream(properties)
                .map(metadata::get)
                .filter(v -> v != null && !v.isBlank())
                .findFirst()
                .orElse(null);
    }

    private static @Nullable Integer pageCount(Metadata metadata) {
        for (Property property : List.of(PagedText.N_PAGES, Office.PAGE_COUNT)) {
            Integer pages = metadata.getInt(property);
            if (pages != null) {
                return pages;
            }
        }
        return null;
    }

    private static Map<String, List<String>> fields(Metadata metadata) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Arrays.stream(metadata.names())
                .sorted()
                .limit(MAX_FIELDS)
                .forEach(name -> fields.put(
                        name,
                        Arrays.stream(metadata.getValues(name))
                                .map(v -> v.length() > MAX_VALUE_LENGTH ? v.substring(0, MAX_VALUE_LENGTH) + "…" : v)
                                .toList()));
        return fields;
    }

    /** Remembers a failure of the decrypting stream, which Tika would otherwise report as a parse error. */
    private static final class SourceStream extends FilterInputStream {

        volatile @Nullable TamperedCiphertextException failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (TamperedCiphertextException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (TamperedCiphertextException e) {
                failure = e;
                throw e;
            }
        }
    }
}
