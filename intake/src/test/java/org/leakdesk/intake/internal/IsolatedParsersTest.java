package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.parsing.ParseReport;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

/** Real parser children, started from this test's class path, over the shared corpus. */
class IsolatedParsersTest {

    static IsolatedParsers parsers;
    static ScratchSpace scratch = ScratchSpace.find(null);

    @BeforeAll
    static void start() {
        parsers = parsers(settings(Duration.ofSeconds(60), DataSize.ofMegabytes(256), DataSize.ofMegabytes(64)));
    }

    @AfterAll
    static void stop() {
        parsers.close();
    }

    /** Bombs, hangs, corrupt, encrypted and ordinary files alike: each ends as a result, none as an error. */
    @Test
    void everyCorpusFileEndsWithAResultOrARecordedFailure() throws Exception {
        List<String> unparsed = new ArrayList<>();
        for (Path file : SharedFiles.corpusFiles()) {
            ParseReport report = analyze(parsers, file);
            String name = file.getFileName().toString();
            assertThat(report.documents()).as(name).isNotEmpty();
            assertThat(report.documents().get(0).path()).as(name).isEmpty();
            if (report.problem() != null) {
                unparsed.add(name);
            } else {
                assertThat(report.extractor()).as(name).startsWith("Apache Tika 3.");
            }
        }
        assertThat(unparsed)
                .contains(
                        "testODTEncrypted.odt",
                        "testWORD_protected_passtika.docx",
                        "testWORD_truncated.docx",
                        "testZ_oom.Z",
                        "testLZMA_oom")
                .doesNotContain("testPDF.pdf", "testWORD.docx", "testJPEG_GEO.jpg");
        // Children wipe their scratch folder after each document.
        assertThat(scratchFolders()).allSatisfy(folder -> assertThat(folder).isEmptyDirectory());
    }

    /** An XML document whose entity points at a local file with a secret in it: the secret never comes back. */
    @Test
    void externalEntitiesAreNeverResolved(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        String secret = "XXESECRET" + System.nanoTime();
        Path target = Files.writeString(folder.resolve("secret.txt"), secret);
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + target.toUri()
                + "\">]>\n<r>before &x; after</r>\n";
        for (String name : List.of("xxe.xml", "xxe.svg", "xxe.xhtml")) {
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            ParseReport report = parsers.analyze(new ByteArrayInputStream(bytes), bytes.length, name);
            assertThat(report.documents().toString()).as(name).doesNotContain(secret);
        }
        assertThat(analyze(parsers, SharedFiles.corpus("testXXE.xml")).documents())
                .isNotEmpty();
    }

    /** A decompression bomb stops at the text limit: recorded as cut short, not as a crash. */
    @Test
    void aDecompressionBombStopsAtTheTextLimit() throws Exception {
        ParseReport report = analyze(parsers, SharedFiles.corpus("TIKA-216.tgz"));

        assertThat(report.documents().get(0).first("X-TIKA:EXCEPTION:write_limit_reached"))
                .isEqualTo("true");
        assertThat(report.documents().stream().mapToInt(d -> d.text().length()).sum())
                .isLessThanOrEqualTo(100_000);
    }

    @Test
    void readsMetadataEmbeddedDocumentsAndTextInTheChild() throws Exception {
        ParseReport report = analyze(parsers, SharedFiles.corpus("test_recursive_embedded.docx"));
        ExtractedMetadata metadata = ParseResults.metadata(report, Instant.now());

        assertThat(metadata.outcome()).isEqualTo(ExtractedMetadata.Outcome.EXTRACTED);
        assertThat(metadata.detectedType()).contains("wordprocessingml");
        assertThat(metadata.embedded()).isNotEmpty();
        assertThat(metadata.embedded())
                .allSatisfy(embedded -> assertThat(embedded.path()).startsWith("/"));
        assertThat(metadata.embedded()).anySatisfy(e -> assertThat(e.sha256()).hasSize(64));
        assertThat(ParseResults.text(report)).contains("embed_0");
    }

    @Test
    void theSampleArticleIsEnglishText() throws Exception {
        ParseReport report = analyze(parsers, SharedFiles.sample(SharedFiles.PORAVALIT));
        ExtractedMetadata metadata = ParseResults.metadata(report, Instant.now());

        assertThat(metadata.language()).isEqualTo("en");
        assertThat(metadata.detectedType()).startsWith("text/plain");
        assertThat(ParseResults.text(report)).contains("FSB");
    }

    @Test
    void aPasswordProtectedDocumentIsRecordedWithItsReasonAndAFinding() throws Exception {
        ParseReport report = analyze(parsers, SharedFiles.corpus("testWORD_protected_passtika.docx"));
        ExtractedMetadata metadata = ParseResults.metadata(report, Instant.now());

        assertThat(metadata.outcome()).isEqualTo(ExtractedMetadata.Outcome.UNPARSEABLE);
        assertThat(metadata.problem()).contains("password-protected");
        assertThat(metadata.findings()).extracting(f -> f.type()).contains(FindingType.ENCRYPTED);
    }

    /** The source keeps the parent waiting past the deadline: the child is killed and replaced. */
    @Test
    void aDocumentThatTakesTooLongIsRecordedAndTheChildReplaced() throws Exception {
        List<Path> before = scratchFolders();
        try (IsolatedParsers slow =
                parsers(settings(Duration.ofSeconds(2), DataSize.ofMegabytes(256), DataSize.ofMegabytes(64)))) {
            byte[] text = "a slow document".getBytes(StandardCharsets.UTF_8);
            ParseReport report = slow.analyze(new SlowStream(text, Duration.ofSeconds(4)), text.length, "slow.txt");

            assertThat(report.problem()).isEqualTo("not parsed: it took longer than 2 seconds");
            ParseReport next = slow.analyze(new ByteArrayInputStream(text), text.length, "next.txt");
            assertThat(next.problem()).isNull();
            assertThat(next.documents().get(0).text()).isEqualTo("a slow document");
        }
        assertThat(scratchFolders()).as("scratch folders of ended children").isEqualTo(before);
    }

    /** A child that runs out of memory exits at once (ExitOnOutOfMemoryError); the next document is fine. */
    @Test
    void aDocumentThatExhaustsTheChildsMemoryIsRecordedAndTheChildReplaced() throws Exception {
        try (IsolatedParsers small =
                parsers(settings(Duration.ofSeconds(60), DataSize.ofMegabytes(128), DataSize.ofMegabytes(400)))) {
            long size = DataSize.ofMegabytes(300).toBytes();
            ParseReport report = small.analyze(new Zeros(size), size, "zeros.bin");

            assertThat(report.problem()).isEqualTo("not parsed: it needed more than 128 MB of memory");
            byte[] text = "after the crash".getBytes(StandardCharsets.UTF_8);
            assertThat(small.analyze(new ByteArrayInputStream(text), text.length, "ok.txt")
                            .problem())
                    .isNull();
        }
    }

    /** A child that cannot start says nothing about the document: extraction fails, to be retried. */
    @Test
    void aParserThatCannotStartIsAnErrorNotAResult() {
        try (IsolatedParsers broken =
                parsers(settings(Duration.ofSeconds(60), DataSize.ofKilobytes(1), DataSize.ofMegabytes(64)))) {
            byte[] text = "a document".getBytes(StandardCharsets.UTF_8);

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> broken.analyze(new ByteArrayInputStream(text), text.length, "a.txt"))
                    .isInstanceOf(ParsersUnavailableException.class);
        }
    }

    @Test
    void theChildsClassPathDoesNotDependOnItsWorkingDirectory() {
        assertThat(ChildLauncher.absoluteClassPath().split(java.io.File.pathSeparator))
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute());
    }

    /**
     * Every parser path of the corpus, fed its file with a marker written into it (appended, and over
     * its middle so parsers complain about it), and a file name carrying the marker: the marker never
     * reaches this JVM's log output.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noDocumentContentReachesTheLog(CapturedOutput output) throws Exception {
        String marker = "LEAKDESKMARKER" + Long.toHexString(System.nanoTime());
        byte[] markerBytes = marker.getBytes(StandardCharsets.US_ASCII);
        for (Path file : SharedFiles.corpusFiles()) {
            byte[] original = Files.readAllBytes(file);
            byte[] appended = Arrays.copyOf(original, original.length + markerBytes.length);
            System.arraycopy(markerBytes, 0, appended, original.length, markerBytes.length);
            byte[] overwritten = original.clone();
            int middle = Math.max(0, overwritten.length / 2 - markerBytes.length);
            System.arraycopy(
                    markerBytes, 0, overwritten, middle, Math.min(markerBytes.length, overwritten.length - middle));
            for (byte[] variant : List.of(appended, overwritten)) {
                parsers.analyze(new ByteArrayInputStream(variant), variant.length, marker + "-" + file.getFileName());
            }
        }
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void theWebJvmLoadsNoParserClass() throws Exception {
        analyze(parsers, SharedFiles.corpus("testPDF.pdf"));

        // This test JVM has Tika on its class path, so only a class loaded by the analysis would show.
        assertThat(ManagementFactory.getClassLoadingMXBean().getLoadedClassCount())
                .isPositive();
        assertThat(loaded("org.apache.tika.parser.AutoDetectParser")).isFalse();
        assertThat(loaded("org.apache.pdfbox.pdmodel.PDDocument")).isFalse();
    }

    private static boolean loaded(String className) throws Exception {
        java.lang.reflect.Method findLoaded = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        try {
            findLoaded.setAccessible(true);
        } catch (RuntimeException inaccessible) {
            return false;
        }
        return findLoaded.invoke(IsolatedParsersTest.class.getClassLoader(), className) != null;
    }

    static ParseReport analyze(IsolatedParsers parsers, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parsers.analyze(in, Files.size(file), file.getFileName().toString());
        }
    }

    static ExtractionSettings settings(Duration timeout, DataSize heap, DataSize memoryDocumentLimit) {
        return new ExtractionSettings(
                1,
                heap,
                timeout,
                100_000,
                200,
                5,
                DataSize.ofMegabytes(32),
                DataSize.ofGigabytes(1),
                memoryDocumentLimit,
                10_000,
                true,
                null);
    }

    static IsolatedParsers parsers(ExtractionSettings settings) {
        return new IsolatedParsers(new ChildLauncher(settings, scratch.available()), scratch, settings, true);
    }

    private static List<Path> scratchFolders() throws IOException {
        if (!scratch.available()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(scratch.root())) {
            return entries.filter(p -> p.getFileName().toString().startsWith("leakdesk-parser-"))
                    .sorted()
                    .toList();
        }
    }

    /** Gives its bytes only after a delay, like a source that stalls. */
    private static final class SlowStream extends ByteArrayInputStream {
        private final Duration delay;
        private boolean waited;

        SlowStream(byte[] bytes, Duration delay) {
            super(bytes);
            this.delay = delay;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (!waited) {
                waited = true;
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.read(b, off, len);
        }
    }

    /** {@code size} zero bytes without holding them. */
    private static final class Zeros extends InputStream {
        private long remaining;

        Zeros(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            return remaining-- > 0 ? 0 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
