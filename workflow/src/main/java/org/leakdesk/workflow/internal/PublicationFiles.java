package org.leakdesk.workflow.internal;

import java.util.Locale;
import java.util.Map;
import org.leakdesk.intake.ScrubbedCopy;

/**
 * Names for scrubbed copies where they leave LeakDesk (the publication package, a verifier's
 * download): never the source's file name, which may identify them, only a number and the type.
 */
final class PublicationFiles {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "application/pdf", "pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx",
            "application/msword", "doc",
            "application/vnd.ms-excel", "xls",
            "image/jpeg", "jpg",
            "image/png", "png");

    private PublicationFiles() {}

    /** E.g. "document-2.pdf" for the second shared copy. */
    static String fileName(int position, ScrubbedCopy copy) {
        return "document-" + position + "." + EXTENSIONS.getOrDefault(copy.mediaType(), "bin");
    }

    /** What a verifier's page lists, e.g. "PDF, 84 KB". */
    static String describe(ScrubbedCopy copy) {
        String type = EXTENSIONS.getOrDefault(copy.mediaType(), "file").toUpperCase(Locale.ROOT);
        return type + ", " + Math.max(1, copy.size() / 1024) + " KB";
    }
}
