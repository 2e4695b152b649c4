package org.leakdesk.intake;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A document inside a submitted file: an attachment, a file in an archive, an image in a
 * report, an earlier revision of a PDF.
 *
 * @param path where it sits, e.g. {@code /attachment.docx/image1.png}
 * @param detectedType its content type, detected from its bytes
 * @param sha256 SHA-256 of its bytes, lower-case hex, when the parser could compute it
 * @param problem why it could not be parsed, or null
 * @param fields every metadata field reported for it, values clipped
 */
public record EmbeddedDocument(
        String path,
        @Nullable String detectedType,
        @Nullable String sha256,
        @Nullable String problem,
        Map<String, List<String>> fields) {}
