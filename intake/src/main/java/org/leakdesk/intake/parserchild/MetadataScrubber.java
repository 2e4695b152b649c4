package org.leakdesk.intake.parserchild;

import java.io.IOException;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/**
 * A copy of a document fit for publication: the same visible content without the metadata that
 * could lead back to a source (authors, software, dates, locations, earlier revisions). The type
 * is detected from the bytes; the file name is only a hint. Failures never quote the document.
 */
final class MetadataScrubber {

    /** What became of one scrub request. */
    sealed interface Result permits Scrubbed, Unsupported {}

    /** The scrubbed copy and its media type, the same type as the original. */
    record Scrubbed(byte[] bytes, String mediaType) implements Result {}

    /** Why no copy was made, in a line that quotes no content. */
    record Unsupported(String reason) implements Result {}

    static final MediaType PDF = MediaType.application("pdf");
    static final MediaType JPEG = MediaType.image("jpeg");
    static final MediaType PNG = MediaType.image("png");
    static final MediaType DOCX = MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document");
    static final MediaType XLSX = MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType PPTX =
            MediaType.application("vnd.openxmlformats-officedocument.presentationml.presentation");
    static final MediaType DOC = MediaType.application("msword");
    static final MediaType XLS = MediaType.application("vnd.ms-excel");
    static final MediaType PPT = MediaType.application("vnd.ms-powerpoint");

    private static final Set<MediaType> OFFICE_OPEN_XML = Set.of(DOCX, XLSX, PPTX);
    private static final Set<MediaType> OLE2 = Set.of(DOC, XLS, PPT);
    private static final Detector DETECTOR = TikaConfig.getDefaultConfig().getDetector();

    private MetadataScrubber() {}

    /**
     * Scrubs one document.
     *
     * @param document the original, must not be null; read, not closed
     * @param fileName the name the source gave it, a hint for detection only
     * @return never null; {@link Unsupported} for types LeakDesk cannot scrub and for files it cannot read
     */
    static Result scrub(TikaInputStream document, String fileName) {
        try {
            MediaType type = detect(document, fileName);
            return scrub(document, type);
        } catch (Exception | StackOverflowError e) {
            return new Unsupported(describe(e));
        }
    }

    private static Result scrub(TikaInputStream document, MediaType type) throws Exception {
        if (type.equals(PDF)) {
            return PdfScrubbing.scrub(document);
        }
        if (OFFICE_OPEN_XML.contains(type)) {
            return OfficeOpenXmlScrubbing.scrub(document, type);
        }
        if (OLE2.contains(type)) {
            return OleScrubbing.scrub(document, type);
        }
        if (type.equals(JPEG) || type.equals(PNG)) {
            return ImageScrubbing.scrub(document, type);
        }
        return new Unsupported("LeakDesk cannot scrub " + type + " files yet");
    }

    private static MediaType detect(TikaInputStream document, String fileName) throws IOException {
        Metadata hint = new Metadata();
        hint.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        return DETECTOR.detect(document, hint).getBaseType();
    }

    /** The kind of failure only: parsers quote document content in their messages. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "LeakDesk could not scrub it (" + root.getClass().getSimpleName() + ")";
    }
}
