package org.leakdesk.intake.parserchild;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/**
 * Copies of documents without their metadata, for publication: PDF (PDFBox), Office Open XML and
 * legacy Office (Apache POI), JPEG and PNG (re-encoded with the JDK's image writers). Runs only in
 * a parser child, like every other reading of a document. The visible content is kept; anything
 * that can name or place a person outside it is dropped.
 */
final class MetadataScrubber {

    /** What became of one request. */
    sealed interface Result permits Scrubbed, Unsupported {}

    /** The copy and the type it was written as. */
    record Scrubbed(byte[] bytes, String mediaType) implements Result {}

    /** No copy; a line for the reviewer that quotes no content. */
    record Unsupported(String reason) implements Result {}

    private MetadataScrubber() {}

    static Result scrub(TikaInputStream document, String fileName) {
        try {
            MediaType type = detect(document, fileName);
            byte[] original = document.readAllBytes();
            String base = type.getBaseType().toString();
            return switch (formatOf(base)) {
                case PDF -> PdfScrubber.scrub(original, base);
                case OOXML -> OoxmlScrubber.scrub(original, base);
                case OLE2 -> Ole2Scrubber.scrub(original, base);
                case JPEG -> ImageScrubber.scrub(original, "jpeg", base);
                case PNG -> ImageScrubber.scrub(original, "png", base);
                case OTHER -> new Unsupported("LeakDesk cannot scrub " + base + " files yet");
            };
        } catch (Exception | StackOverflowError e) {
            return new Unsupported("it could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private enum Format {
        PDF,
        OOXML,
        OLE2,
        JPEG,
        PNG,
        OTHER
    }

    private static Format formatOf(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.equals("application/pdf")) {
            return Format.PDF;
        }
        if (lower.startsWith("application/vnd.openxmlformats-officedocument.")) {
            return Format.OOXML;
        }
        if (lower.equals("application/msword")
                || lower.equals("application/vnd.ms-excel")
                || lower.equals("application/vnd.ms-powerpoint")) {
            return Format.OLE2;
        }
        if (lower.equals("image/jpeg")) {
            return Format.JPEG;
        }
        return lower.equals("image/png") ? Format.PNG : Format.OTHER;
    }

    private static MediaType detect(TikaInputStream document, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        return TikaConfig.getDefaultConfig().getDetector().detect(document, metadata);
    }

    static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    static ByteArrayOutputStream out(int sizeHint) {
        return new ByteArrayOutputStream(Math.max(1024, sizeHint));
    }
}
