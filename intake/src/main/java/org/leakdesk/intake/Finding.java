package org.leakdesk.intake;

/**
 * Something in a document's metadata a reviewer must see before relying on it or publishing it:
 * a trace of a person, a contradiction, or content that is not visible at first sight.
 *
 * @param type what was found
 * @param documentPath which document: {@code ""} for the file itself, else the embedded document's path
 * @param field the metadata field it comes from, e.g. {@code dc:creator}
 * @param value what the field says, clipped; for a contradiction, the values that disagree
 */
public record Finding(FindingType type, String documentPath, String field, String value) {

    /** Whether it is about the file itself rather than something embedded in it. */
    public boolean inFileItself() {
        return documentPath.isEmpty();
    }
}
