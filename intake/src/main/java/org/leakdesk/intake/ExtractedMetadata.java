package org.leakdesk.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What Tika found in one document. Every field but {@code outcome}, {@code extractor} and
 * {@code extractedAt} may be null: documents rarely carry everything.
 *
 * @param outcome whether the document could be parsed
 * @param extractor the tool and version that produced this, e.g. {@code Apache Tika 3.2.3}
 * @param extractedAt when it was produced
 * @param detectedType the content type Tika detected from the bytes (not the declared one)
 * @param author {@code dc:creator}
 * @param lastAuthor {@code meta:last-author}
 * @param created {@code dcterms:created}, as written in the document
 * @param modified {@code dcterms:modified}, as written in the document
 * @param creatorTool {@code xmp:CreatorTool}, else {@code pdf:producer}
 * @param pageCount number of pages, for paged formats
 * @param language the language detected from the text
 * @param problem for an unparseable document, what went wrong in a line (never content)
 * @param fields every metadata field Tika reported, values clipped
 * @param findings what a reviewer must see first: traces of people, contradictions, hidden content
 * @param embedded the documents found inside this one (attachments, archive members, earlier PDF
 *     revisions), in the order the parser met them
 * @param sha256 SHA-256 of the document's plaintext, lower-case hex, taken as extraction read the
 *     stored copy back (all of it, however much the parser read); null for documents stored
 *     while the hash was taken at upload (their manifest has it)
 */
public record ExtractedMetadata(
        Outcome outcome,
        String extractor,
        Instant extractedAt,
        @Nullable String detectedType,
        @Nullable String author,
        @Nullable String lastAuthor,
        @Nullable String created,
        @Nullable String modified,
        @Nullable String creatorTool,
        @Nullable Integer pageCount,
        @Nullable String language,
        @Nullable String problem,
        Map<String, List<String>> fields,
        List<Finding> findings,
        List<EmbeddedDocument> embedded,
        @Nullable String sha256) {

    public ExtractedMetadata {
        // Results stored before findings existed have neither list.
        fields = fields == null ? Map.of() : fields;
        findings = findings == null ? List.of() : List.copyOf(findings);
        embedded = embedded == null ? List.of() : List.copyOf(embedded);
    }

    /** The findings of one category, in order. */
    public List<Finding> findings(FindingType.Category category) {
        return findings.stream().filter(f -> f.type().category() == category).toList();
    }

    /** A document Tika could not read; only what it detected before giving up is kept. */
    public static ExtractedMetadata unparseable(
            String extractor,
            Instant extractedAt,
            @Nullable String detectedType,
            String problem,
            Map<String, List<String>> fields,
            List<Finding> findings) {
        return new ExtractedMetadata(
                Outcome.UNPARSEABLE,
                extractor,
                extractedAt,
                detectedType,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                problem,
                fields,
                findings,
                List.of(),
                null);
    }

    /** The same findings with the document's SHA-256. */
    public ExtractedMetadata withSha256(String hash) {
        return new ExtractedMetadata(
                outcome,
                extractor,
                extractedAt,
                detectedType,
                author,
                lastAuthor,
                created,
                modified,
                creatorTool,
                pageCount,
                language,
                problem,
                fields,
                findings,
                embedded,
                hash);
    }

    /** Whether Tika could read the document. */
    public enum Outcome {
        EXTRACTED,
        UNPARSEABLE
    }
}
