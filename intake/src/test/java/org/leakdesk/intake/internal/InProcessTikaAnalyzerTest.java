package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.ExtractedMetadata.Outcome;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class InProcessTikaAnalyzerTest {

    static ExecutorService executor;
    static InProcessTikaAnalyzer analyzer;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void start() {
        executor = Executors.newCachedThreadPool();
        analyzer = new InProcessTikaAnalyzer(100_000, 60, scratch, executor, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    /** Bombs, corrupt, encrypted and ordinary files alike: each ends as a result, none as a failure. */
    @Test
    void everyCorpusFileIsExtractedOrRecordedAsUnparseableAndNoCopyIsLeftOnDisk() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = filesUnder(tmp);

        for (Path file : SharedFiles.corpusFiles()) {
            ExtractedMetadata metadata = analyze(file);
            assertThat(metadata.outcome())
                    .as(file.getFileName().toString())
                    .isIn(Outcome.EXTRACTED, Outcome.UNPARSEABLE);
            assertThat(metadata.extractor()).startsWith("Apache Tika 3.");
            if (metadata.outcome() == Outcome.UNPARSEABLE) {
                assertThat(metadata.problem()).as(file.getFileName().toString()).isNotBlank();
            }
        }

        assertThat(scratch).isEmptyDirectory();
        Set<Path> created = filesUnder(tmp);
        created.removeAll(before);
        created.removeIf(path -> path.startsWith(scratch) || path.toString().contains("surefire"));
        assertThat(created).as("temporary files left by parsing").isEmpty();
    }

    /** PDFBox quotes tokens of a damaged PDF in its warnings; none of that may reach the output. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void parsingADamagedDocumentLogsNoneOfItsContent(CapturedOutput output) throws Exception {
        ExtractedMetadata damaged = analyze(SharedFiles.corpus("testPDF_bad_page_303226.pdf"));

        assertThat(damaged.outcome()).isEqualTo(Outcome.EXTRACTED);
        assertThat(output.getAll()).doesNotContain("Admfinstraition").doesNotContain("pdfbox");
    }

    @Test
    void officeMetadataIsRead() throws Exception {
        ExtractedMetadata word = analyze(SharedFiles.corpus("testWORD.docx"));

        assertThat(word.outcome()).isEqualTo(Outcome.EXTRACTED);
        assertThat(word.detectedType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(word.author()).isEqualTo("Keith Bennett");
        assertThat(word.lastAuthor()).isEqualTo("Nick Burch");
        assertThat(word.created()).isEqualTo("2008-12-11T16:04:00Z");
        assertThat(word.modified()).isEqualTo("2010-11-12T16:21:00Z");
        assertThat(word.pageCount()).isEqualTo(2);
        assertThat(word.language()).isEqualTo("en");
    }

    @Test
    void pdfCreatorToolAndPagesAreRead() throws Exception {
        ExtractedMetadata pdf = analyze(SharedFiles.corpus("testPDF.pdf"));

        assertThat(pdf.creatorTool()).isEqualTo("Firefox");
        assertThat(pdf.author()).isEqualTo("Bertrand Delacrétaz");
        assertThat(pdf.pageCount()).isEqualTo(1);
        assertThat(pdf.fields()).containsKey("pdf:PDFVersion");
    }

    @Test
    void gpsPositionsAreAmongTheFields() throws Exception {
        ExtractedMetadata photo = analyze(SharedFiles.corpus("testJPEG_GEO.jpg"));

        assertThat(photo.fields()).containsKeys("geo:lat", "geo:long");
    }

    @Test
    void theSampleArticleIsEnglishText() throws Exception {
        ExtractedMetadata article = analyze(SharedFiles.sample(SharedFiles.PORAVALIT));

        assertThat(article.detectedType()).startsWith("text/plain");
        assertThat(article.language()).isEqualTo("en");
    }

    @Test
    void protectedAndTruncatedDocumentsAreUnparseableWithAReason() throws Exception {
        assertThat(analyze(SharedFiles.corpus("testWORD_protected_passtika.docx")))
                .satisfies(m -> assertThat(m.outcome()).isEqualTo(Outcome.UNPARSEABLE))
                .satisfies(m -> assertThat(m.problem()).contains("password-protected"));
        assertThat(analyze(SharedFiles.corpus("testWORD_truncated.docx")))
                .satisfies(m -> assertThat(m.outcome()).isEqualTo(Outcome.UNPARSEABLE))
                .satisfies(m -> assertThat(m.problem()).startsWith("Tika could not parse it"));
    }

    @Test
    void aCiphertextThatFailsMidwayIsAnErrorNotAnUnparseableDocument() throws Exception {
        byte[] start = Files.readAllBytes(SharedFiles.corpus("testPDF.pdf"));
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new TamperedCiphertextException("submission-file:x", "segment does not authenticate", null);
            }
        };
        InputStream plaintext = new SequenceInputStream(new ByteArrayInputStream(start, 0, 20_000), failing);

        assertThatThrownBy(() -> analyzer.analyze(plaintext, "testPDF.pdf"))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    private static ExtractedMetadata analyze(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return analyzer.analyze(in, file.getFileName().toString());
        }
    }

    private static Set<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir, 3)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        } catch (java.io.UncheckedIOException e) {
            // Other users' unreadable folders in a shared /tmp: fall back to the top level.
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(Files::isRegularFile).collect(Collectors.toSet());
            }
        }
    }
}
