package org.leakdesk.intake.parserchild;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.tika.io.TikaInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.internal.FindingRules;
import org.leakdesk.intake.parsing.ParseReport;
import org.leakdesk.intake.parsing.ParserLimits;

/** Each scrubber on real files: Tika over the copy finds no identifying metadata and the same text. */
class MetadataScrubberTest {

    static DocumentParsing parsing;

    @BeforeAll
    static void load() {
        parsing = new DocumentParsing(new ParserLimits(100_000, 200, 5, 64L << 20, false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "testPDF.pdf",
                "testWORD.docx",
                "testWORD_custom_props.docx",
                "testEXCEL_custom_props.xlsx",
                "testPPT.pptx",
                "testWORD.doc",
                "testJPEG_GEO.jpg",
                "testJPEG_EXIF.jpg"
            })
    void theCopyHasNoIdentifyingFindingsAndTheSameText(String name) throws Exception {
        byte[] original = Files.readAllBytes(SharedFiles.corpus(name));

        MetadataScrubber.Result result = MetadataScrubber.scrub(TikaInputStream.get(original), name);

        assertThat(result).as(String.valueOf(result)).isInstanceOf(MetadataScrubber.Scrubbed.class);
        byte[] copy = ((MetadataScrubber.Scrubbed) result).bytes();
        ParseReport before = parse(original, name);
        ParseReport after = parse(copy, name);
        assertThat(after.problem()).isNull();
        assertThat(identifying(before))
                .as("the original has something to scrub")
                .isNotEmpty();
        assertThat(identifying(after)).as("left in the copy").isEmpty();
        assertThat(words(after.documents().get(0).text())).isEqualTo(visibleText(before));
        assertThat(after.documents())
                .as("no earlier revision or attachment survives")
                .hasSizeLessThanOrEqualTo(before.documents().size());
    }

    @Test
    void incrementalUpdatesAndAttachmentsOfAPdfAreGone() throws Exception {
        for (String name : List.of("testPDF_incrementalUpdates.pdf", "testPDF_childAttachments.pdf")) {
            byte[] original = Files.readAllBytes(SharedFiles.corpus(name));
            byte[] copy =
                    ((MetadataScrubber.Scrubbed) MetadataScrubber.scrub(TikaInputStream.get(original), name)).bytes();

            List<FindingType> left = FindingRules.findings(parse(copy, name).documents(), Instant.now()).stream()
                    .map(f -> f.type())
                    .toList();
            assertThat(left).as(name).doesNotContain(FindingType.INCREMENTAL_UPDATE, FindingType.EMBEDDED_FILE);
        }
    }

    @Test
    void aPngLosesItsTextChunksAndKeepsItsPixels() throws Exception {
        byte[] png = pngWithText("Author", "Jane Roe");
        assertThat(new String(png, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("Jane Roe");

        MetadataScrubber.Result result = MetadataScrubber.scrub(TikaInputStream.get(png), "photo.png");

        byte[] copy = ((MetadataScrubber.Scrubbed) result).bytes();
        assertThat(new String(copy, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Jane Roe");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(copy));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getRGB(5, 5)).isEqualTo(0xFF336699);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"testRTF.rtf", "testHTML.html", "testWORD_protected_passtika.docx", "testPDF_protected.pdf"})
    void formatsItCannotScrubAreRefusedWithAReason(String name) throws Exception {
        Path file = SharedFiles.corpus(name);

        MetadataScrubber.Result result = MetadataScrubber.scrub(TikaInputStream.get(file), name);

        assertThat(result).isInstanceOf(MetadataScrubber.Unsupported.class);
        assertThat(((MetadataScrubber.Unsupported) result).reason()).isNotBlank();
    }

    private static ParseReport parse(byte[] bytes, String name) throws Exception {
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            return parsing.parse(in, name);
        }
    }

    private static List<FindingType> identifying(ParseReport report) {
        return FindingRules.findings(report.documents(), Instant.now()).stream()
                .map(f -> f.type())
                .filter(type -> type.category() == FindingType.Category.IDENTIFYING)
                .toList();
    }

    /** Tika puts the document's title (a metadata field, scrubbed too) before its text; a reader does not see it there. */
    private static String visibleText(ParseReport report) {
        String text = words(report.documents().get(0).text());
        String title = report.documents().get(0).first("dc:title");
        if (title != null && !title.isBlank() && text.startsWith(words(title))) {
            return text.substring(words(title).length()).strip();
        }
        return text;
    }

    private static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    private static byte[] pngWithText(String keyword, String value) throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 30; y++) {
                image.setRGB(x, y, 0x336699);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(new IIOImage(image, null, metadata));
        }
        return bytes.toByteArray();
    }
}
