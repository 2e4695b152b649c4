package org.leakdesk.intake.parsing;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One document as a parser child saw it: the file itself (path {@code ""}) or something embedded
 * in it (an attachment, a file in an archive, an earlier revision of a PDF).
 *
 * @param path where it sits in the file, e.g. {@code /report.docx/image1.jpeg}; {@code ""} for the file itself
 * @param metadata every metadata key the parser reported, values clipped; never null
 * @param text the extracted text, within the write limit shared by all documents of the file
 */
public record ParsedDocument(String path, Map<String, List<String>> metadata, String text) {

    /** Metadata key a parser child adds: the language detected in the document's text. */
    public static final String LANGUAGE = "leakdesk:language";

    /** Metadata key a parser child adds: why an embedded document was listed but not parsed. */
    public static final String NOT_PARSED = "leakdesk:not-parsed";

    /** The first value of a metadata key, or null. */
    public @Nullable String first(String key) {
        List<String> values = metadata.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a metadata key; empty if there is none. */
    public List<String> values(String key) {
        return metadata.getOrDefault(key, List.of());
    }
}
