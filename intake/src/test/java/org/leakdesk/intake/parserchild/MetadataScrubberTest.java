package org.leakdesk.intake.parserchild;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xwpf.usermodel.XWPFComment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.tika.io.TikaInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.parserchild.MetadataScrubber.Result;
import org.leakdesk.intake.parserchild.MetadataScrubber.Scrubbed;
import org.leakdesk.intake.parserchild.MetadataScrubber.Unsupported;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParsedDocument;
import org.leakdesk.intake.parsing.ParserLimits;

/** Each copy is read back with the real parsing: what Tika found in the original must be gone. */
class MetadataScrubberTest {

    static DocumentParsing parsing;

    @BeforeAll
    static void loadParsers() {
        parsing = new DocumentParsing(new ParserLimits(100_000, 100, 5, 64L << 20, false));
    }

    /** A key ending in {@code *} stands for every key that starts with the rest. */
    static Stream<Arguments> documents() {
        return Stream.of(
                Arguments.of(
                        "testPDF.pdf",
                        List.of(
                                "dc:creator",
                                "dc:title",
                                "dcterms:created",
                                "pdf:docinfo:*",
                                "pdf:producer",
                                "xmp:CreatorTool")),
                Arguments.of(
                        "testPDF_incrementalUpdates.pdf",
                        List.of("dcterms:created", "pdf:docinfo:*", "xmp:*", "xmpMM:DocumentID")),
                Arguments.of(
                        "testWORD.docx",
                        List.of(
                                "dc:creator",
                                "meta:last-author",
                                "dcterms:created",
                                "extended-properties:Template",
                                "extended-properties:Application",
                                "cp:revision")),
                Arguments.of(
                        "testWORD_custom_props.docx",
                        List.of(
                                "dc:creator",
                                "meta:last-author",
                                "dc:publisher",
                                "dc:description",
                                "extended-properties:Company",
                                "extended-properties:Template",
                                "custom:*")),
                Arguments.of(
                        "testEXCEL_custom_props.xlsx",
                        List.of("dcterms:created", "dcterms:modified", "extended-properties:Application", "custom:*")),
                Arguments.of(
                        "testPPT.pptx",
                        List.of("dc:creator", "meta:last-author", "dc:publisher", "extended-properties:Company")),
                Arguments.of(
                        "testWORD.doc",
                        List.of(
                                "dc:creator",
                                "meta:last-author",
                                "dcterms:created",
                                "extended-properties:Template",
                                "extended-properties:Application")));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void theCopyKeepsTheTextAndLosesWhatNamedItsMakers(String name, List<String> identifying) throws IOException {
        byte[] original = Files.readAllBytes(SharedFiles.corpus(name));
        Scrubbed copy = scrubbed(original, name);

        ParsedDocument before = parse(original, name).documents().get(0);
        ParsedDocument after = parse(copy.bytes(), name).documents().get(0);

        for (String key : identifying) {
            assertThat(keysLike(before, key)).as("%s in the original", key).isNotEmpty();
            assertThat(keysLike(after, key)).as("%s in the copy", key).isEmpty();
        }
        assertThat(copy.mediaType()).isEqualTo(before.first("Content-Type"));
        assertThat(after.first("Content-Type")).isEqualTo(before.first("Content-Type"));
        assertThat(words(after.text())).isEqualTo(words(bodyText(before)));
    }

    @Test
    void earlierRevisionsOfAPdfAreNotInTheCopy() throws IOException {
        String name = "testPDF_incrementalUpdates.pdf";
        byte[] original = Files.readAllBytes(SharedFiles.corpus(name));

        ParseReport before = parse(original, name);
        ParseReport after = parse(scrubbed(original, name).bytes(), name);

        assertThat(before.documents().get(0).first("pdf:incrementalUpdateCount"))
                .isEqualTo("2");
        assertThat(before.documents()).hasSize(3);
        assertThat(after.documents().get(0).first("pdf:incrementalUpdateCount")).isEqualTo("0");
        assertThat(after.documents()).hasSize(1);
    }

    @Test
    void filesAttachedToAPdfAreNotInTheCopy() throws IOException {
        String name = "testPDF_childAttachments.pdf";
        byte[] original = Files.readAllBytes(SharedFiles.corpus(name));

        ParseReport before = parse(original, name);
        ParseReport after = parse(scrubbed(original, name).bytes(), name);

        assertThat(before.documents()).hasSizeGreaterThan(1);
        assertThat(after.documents()).hasSize(1);
    }

    @Test
    void anOldExcelWorkbookLosesItsPropertiesAndKeepsItsCells() throws IOException {
        byte[] original = legacyWorkbook();

        ParsedDocument before = parse(original, "budget.xls").documents().get(0);
        ParsedDocument after = parse(scrubbed(original, "budget.xls").bytes(), "budget.xls")
                .documents()
                .get(0);

        assertThat(before.first("dc:creator")).isEqualTo("Jane Source");
        assertThat(before.first("extended-properties:Company")).isEqualTo("Ministry of Defence");
        assertThat(after.metadata()).doesNotContainKeys("dc:creator", "extended-properties:Company");
        assertThat(words(after.text())).isEqualTo(words(before.text())).contains("Fuel 1200");
    }

    @Test
    void thePresentationThumbnailIsNotInTheCopy() throws IOException {
        byte[] original = Files.readAllBytes(SharedFiles.corpus("testPPT.pptx"));

        ParseReport before = parse(original, "testPPT.pptx");
        ParseReport after = parse(scrubbed(original, "testPPT.pptx").bytes(), "testPPT.pptx");

        assertThat(before.documents()).extracting(ParsedDocument::path).contains("/thumbnail.jpeg");
        assertThat(after.documents()).hasSize(1);
    }

    @Test
    void wordCommentsAndTheirAuthorsAreRemovedAndTheBodyStays() throws IOException {
        byte[] original = wordDocumentWithComment();

        byte[] copy = scrubbed(original, "commented.docx").bytes();

        ParsedDocument before = parse(original, "commented.docx").documents().get(0);
        ParsedDocument after = parse(copy, "commented.docx").documents().get(0);
        assertThat(before.text()).contains("Ask the ministry first").contains("Jane Source");
        assertThat(after.text()).doesNotContain("Ask the ministry first").doesNotContain("Jane Source");
        assertThat(after.text()).contains("The minister signed the order.");
        // Tika only reads comments that the body still points to: look inside every part as well
        assertThat(everyEntry(original)).contains("Jane Source");
        assertThat(everyEntry(copy)).doesNotContain("Jane Source").doesNotContain("Ask the ministry first");
    }

    private static String everyEntry(byte[] zip) throws IOException {
        StringBuilder all = new StringBuilder();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (entries.getNextEntry() != null) {
                all.append(new String(entries.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    static Stream<Arguments> photos() {
        return Stream.of(
                Arguments.of(
                        "testJPEG_GEO.jpg",
                        List.of(
                                "geo:lat",
                                "geo:long",
                                "GPS:*",
                                "tiff:Make",
                                "tiff:Model",
                                "tiff:Software",
                                "exif:*",
                                "Exif IFD0:*",
                                "Copyright Notice",
                                "dcterms:created")),
                Arguments.of(
                        "testJPEG_EXIF.jpg",
                        List.of(
                                "tiff:Make",
                                "tiff:Model",
                                "exif:DateTimeOriginal",
                                "Exif SubIFD:*",
                                "Keywords",
                                "dc:subject")));
    }

    @ParameterizedTest
    @MethodSource("photos")
    void aPhotoKeepsItsSizeAndLosesCameraPlaceAndTime(String name, List<String> identifying) throws IOException {
        byte[] original = Files.readAllBytes(SharedFiles.corpus(name));
        assertImageScrubbed(original, name, identifying);
    }

    @Test
    void pngTextChunksAreRemoved() throws IOException {
        byte[] original = pngWithText();
        assertImageScrubbed(original, "drawing.png", List.of("Text TextEntry"));
    }

    @Test
    void typesLeakDeskCannotScrubAreRefusedByName() throws IOException {
        byte[] rtf = Files.readAllBytes(SharedFiles.corpus("testRTF.rtf"));
        byte[] text = "Notes from the meeting".getBytes(StandardCharsets.UTF_8);

        assertThat(scrub(rtf, "testRTF.rtf"))
                .isEqualTo(new Unsupported("LeakDesk cannot scrub application/rtf files yet"));
        assertThat(scrub(text, "notes.pdf"))
                .as("the name is only a hint")
                .isEqualTo(new Unsupported("LeakDesk cannot scrub text/plain files yet"));
    }

    @Test
    void aCorruptFileIsRefusedNamingOnlyTheKindOfFailure() throws IOException {
        byte[] truncated = Files.readAllBytes(SharedFiles.corpus("testWORD_truncated.docx"));

        assertThat(scrub(truncated, "testWORD_truncated.docx"))
                .isEqualTo(new Unsupported("LeakDesk could not scrub it (ZipException)"));
    }

    @Test
    void anEncryptedPdfIsRefused() throws IOException {
        byte[] encrypted = Files.readAllBytes(SharedFiles.corpus("testPDF_protected.pdf"));

        assertThat(scrub(encrypted, "testPDF_protected.pdf"))
                .isEqualTo(new Unsupported("it is password-protected or encrypted"));
    }

    private static void assertImageScrubbed(byte[] original, String name, List<String> identifying) throws IOException {
        Scrubbed copy = scrubbed(original, name);
        ParsedDocument before = parse(original, name).documents().get(0);
        ParsedDocument after = parse(copy.bytes(), name).documents().get(0);

        for (String key : identifying) {
            assertThat(keysLike(before, key)).as("%s in the original", key).isNotEmpty();
            assertThat(keysLike(after, key)).as("%s in the copy", key).isEmpty();
        }
        assertThat(after.first("Content-Type")).isEqualTo(before.first("Content-Type"));
        BufferedImage was = ImageIO.read(new ByteArrayInputStream(original));
        BufferedImage is = ImageIO.read(new ByteArrayInputStream(copy.bytes()));
        assertThat(is.getWidth()).isEqualTo(was.getWidth());
        assertThat(is.getHeight()).isEqualTo(was.getHeight());
    }

    private static List<String> keysLike(ParsedDocument document, String key) {
        return document.metadata().keySet().stream()
                .filter(name ->
                        key.endsWith("*") ? name.startsWith(key.substring(0, key.length() - 1)) : name.equals(key))
                .filter(name -> !document.metadata().get(name).stream().allMatch(String::isBlank))
                .toList();
    }

    /** Tika writes dc:title into the page head, so it leads the text; it is metadata, not body. */
    private static String bodyText(ParsedDocument document) {
        String title = document.first("dc:title");
        String text = words(document.text());
        if (title != null && text.startsWith(words(title))) {
            return text.substring(words(title).length());
        }
        return text;
    }

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static ParseReport parse(byte[] bytes, String name) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            return parsing.parse(in, name);
        }
    }

    private static Result scrub(byte[] bytes, String name) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            return MetadataScrubber.scrub(in, name);
        }
    }

    private static Scrubbed scrubbed(byte[] bytes, String name) throws IOException {
        Result result = scrub(bytes, name);
        assertThat(result).isInstanceOf(Scrubbed.class);
        return (Scrubbed) result;
    }

    private static byte[] wordDocumentWithComment() throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            XWPFComment comment = document.createComments().createComment(BigInteger.ONE);
            comment.setAuthor("Jane Source");
            comment.setInitials("JS");
            comment.createParagraph().createRun().setText("Ask the ministry first");
            XWPFParagraph paragraph = document.createParagraph();
            paragraph.getCTP().addNewCommentRangeStart().setId(BigInteger.ONE);
            paragraph.createRun().setText("The minister signed the order.");
            paragraph.getCTP().addNewCommentRangeEnd().setId(BigInteger.ONE);
            paragraph.createRun().getCTR().addNewCommentReference().setId(BigInteger.ONE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] legacyWorkbook() throws IOException {
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            Row row = workbook.createSheet("Budget").createRow(0);
            row.createCell(0).setCellValue("Fuel");
            row.createCell(1).setCellValue(1200);
            workbook.createInformationProperties();
            workbook.getSummaryInformation().setAuthor("Jane Source");
            workbook.getDocumentSummaryInformation().setCompany("Ministry of Defence");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] pngWithText() throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", "Author");
        entry.setAttribute("value", "Jane Source");
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
