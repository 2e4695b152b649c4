package org.leakdesk.intake.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.SubmissionShredding;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The intake tables. Holds ciphertext and wrapped keys only. */
final class SubmissionStore {

    record FileRow(
            UUID submissionId, UUID fileId, int order, BlobId blobId, WrappedKey contentKey, SealedValue manifest) {}

    record MetadataRow(UUID fileId, ExtractedMetadata.Outcome outcome, SealedValue metadata) {}

    private final JdbcClient jdbc;

    SubmissionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertSubmission(
            UUID id,
            Instant receivedAt,
            byte[] codenameHash,
            @Nullable SealedValue message,
            @Nullable Integer messageCutAt) {
        jdbc.sql("""
                        INSERT INTO submission (id, received_at, codename_hash, message_key, message_ciphertext,
                            message_cut_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        utc(receivedAt),
                        codenameHash,
                        message == null ? null : message.key().packet(),
                        message == null ? null : message.ciphertext(),
                        messageCutAt)
                .update();
    }

    void insertFile(UUID submissionId, FileRow file, long storedSize) {
        jdbc.sql("""
                        INSERT INTO submission_file (id, submission_id, file_order, blob_id, content_key,
                            manifest_key, manifest_ciphertext, stored_size)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        file.fileId(),
                        submissionId,
                        file.order(),
                        file.blobId().value(),
                        file.contentKey().packet(),
                        file.manifest().key().packet(),
                        file.manifest().ciphertext(),
                        storedSize)
                .update();
    }

    /**
     * Records a submission ({@code followUpId} null) or a follow-up as awaiting review (table
     * {@code intake_handover}, see {@link StoredReviewHandOver}); call in the transaction that stores it.
     */
    void awaitReview(UUID submissionId, @Nullable UUID followUpId, int fileCount, Instant arrivedAt) {
        jdbc.sql("""
                        INSERT INTO intake_handover (id, submission_id, follow_up_id, file_count, arrived_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(
                        followUpId == null ? submissionId : followUpId,
                        submissionId,
                        followUpId,
                        fileCount,
                        utc(arrivedAt))
                .update();
    }

    Optional<SubmissionOverview> overview(UUID id) {
        return overviews(List.of(id)).values().stream().findFirst();
    }

    /** The overviews of the submissions that exist among {@code ids}, in one query. */
    Map<UUID, SubmissionOverview> overviews(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, SubmissionOverview> found = new HashMap<>();
        jdbc.sql("""
                        SELECT s.id, s.received_at, s.message_key, s.message_cut_at,
                            (SELECT COUNT(*) FROM submission_file f WHERE f.submission_id = s.id),
                            (SELECT COUNT(*) FROM submission_file f JOIN submission_file_metadata m ON m.file_id = f.id
                                WHERE f.submission_id = s.id)
                        FROM submission s WHERE s.id IN (:ids)""")
                .param("ids", ids)
                .query((rs, n) -> new SubmissionOverview(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getBytes(3) != null,
                        rs.getObject(4, Integer.class)))
                .list()
                .forEach(overview -> found.put(overview.submissionId(), overview));
        return found;
    }

    Optional<SealedValue> message(UUID id) {
        return jdbc.sql(
                        "SELECT message_key, message_ciphertext FROM submission WHERE id = ? AND message_key IS NOT NULL")
                .param(id)
                .query((rs, n) -> new SealedValue(new WrappedKey(rs.getBytes(1)), rs.getBytes(2)))
                .optional();
    }

    List<FileRow> files(UUID submissionId) {
        return fileRows(submissionId, "");
    }

    /** The submission's files that have no extraction result yet, in order, in one query. */
    List<FileRow> filesWithoutMetadata(UUID submissionId) {
        return fileRows(
                submissionId, "AND NOT EXISTS (SELECT 1 FROM submission_file_metadata m WHERE m.file_id = f.id)");
    }

    private List<FileRow> fileRows(UUID submissionId, String condition) {
        return jdbc.sql("""
                        SELECT f.id, f.file_order, f.blob_id, f.content_key, f.manifest_key, f.manifest_ciphertext
                        FROM submission_file f WHERE f.submission_id = ? %s ORDER BY f.file_order""".formatted(condition))
                .param(submissionId)
                .query((rs, n) -> new FileRow(
                        submissionId,
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        new BlobId(rs.getObject(3, UUID.class)),
                        new WrappedKey(rs.getBytes(4)),
                        new SealedValue(new WrappedKey(rs.getBytes(5)), rs.getBytes(6))))
                .list();
    }

    Optional<MetadataRow> metadata(UUID fileId) {
        return jdbc.sql(
                        "SELECT outcome, metadata_key, metadata_ciphertext FROM submission_file_metadata WHERE file_id = ?")
                .param(fileId)
                .query((rs, n) -> new MetadataRow(
                        fileId,
                        ExtractedMetadata.Outcome.valueOf(rs.getString(1)),
                        new SealedValue(new WrappedKey(rs.getBytes(2)), rs.getBytes(3))))
                .optional();
    }

    /** One statement, so a document's metadata and text are committed together or not at all. */
    void insertMetadata(UUID fileId, ExtractedMetadata metadata, SealedValue sealed, @Nullable SealedValue text) {
        jdbc.sql("""
                        INSERT INTO submission_file_metadata (file_id, outcome, extractor, extracted_at, metadata_key,
                            metadata_ciphertext, text_key, text_ciphertext, findings)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        fileId,
                        metadata.outcome().name(),
                        clip(metadata.extractor(), 100),
                        utc(metadata.extractedAt()),
                        sealed.key().packet(),
                        sealed.ciphertext(),
                        text == null ? null : text.key().packet(),
                        text == null ? null : text.ciphertext(),
                        metadata.findings().size())
                .update();
    }

    Optional<SealedValue> text(UUID fileId) {
        return jdbc.sql("""
                        SELECT text_key, text_ciphertext FROM submission_file_metadata
                        WHERE file_id = ? AND text_key IS NOT NULL""")
                .param(fileId)
                .query((rs, n) -> new SealedValue(new WrappedKey(rs.getBytes(1)), rs.getBytes(2)))
                .optional();
    }

    record ScrubbedRow(
            UUID submissionId,
            UUID fileId,
            BlobId blobId,
            WrappedKey contentKey,
            SealedValue manifest,
            Instant createdAt,
            String createdBy) {}

    void insertScrubbed(ScrubbedRow row, long storedSize) {
        jdbc.sql("""
                        INSERT INTO submission_file_scrubbed (file_id, blob_id, content_key, manifest_key,
                            manifest_ciphertext, stored_size, created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        row.fileId(),
                        row.blobId().value(),
                        row.contentKey().packet(),
                        row.manifest().key().packet(),
                        row.manifest().ciphertext(),
                        storedSize,
                        utc(row.createdAt()),
                        row.createdBy())
                .update();
    }

    Optional<ScrubbedRow> scrubbed(UUID fileId) {
        return jdbc.sql("""
                        SELECT c.blob_id, c.content_key, c.manifest_key, c.manifest_ciphertext, c.created_at,
                            c.created_by, f.submission_id
                        FROM submission_file_scrubbed c JOIN submission_file f ON f.id = c.file_id
                        WHERE c.file_id = ?""")
                .param(fileId)
                .query((rs, n) -> new ScrubbedRow(
                        rs.getObject(7, UUID.class),
                        fileId,
                        new BlobId(rs.getObject(1, UUID.class)),
                        new WrappedKey(rs.getBytes(2)),
                        new SealedValue(new WrappedKey(rs.getBytes(3)), rs.getBytes(4)),
                        rs.getObject(5, OffsetDateTime.class).toInstant(),
                        rs.getString(6)))
                .optional();
    }

    /** Every blob of a submission: its documents' and their scrubbed copies'. */
    List<BlobId> blobsOf(UUID submissionId) {
        return jdbc.sql("""
                        SELECT f.blob_id FROM submission_file f WHERE f.submission_id = ?
                        UNION ALL
                        SELECT c.blob_id FROM submission_file_scrubbed c JOIN submission_file f ON f.id = c.file_id
                            WHERE f.submission_id = ?""")
                .params(submissionId, submissionId)
                .query((rs, n) -> new BlobId(rs.getObject(1, UUID.class)))
                .list();
    }

    /**
     * Whether the submission exists, and when it was shredded, in one query: empty if there is no
     * such submission, an empty inner value if it was not shredded.
     */
    Optional<Optional<Instant>> existsShreddedAt(UUID submissionId) {
        return jdbc.sql("SELECT shredded_at FROM submission WHERE id = ?")
                .param(submissionId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .optional();
    }

    /** When the submission was shredded, if it was. */
    Optional<Instant> shreddedAt(UUID submissionId) {
        return existsShreddedAt(submissionId).flatMap(at -> at);
    }

    /**
     * Deletes every key and ciphertext of the submission and marks it shredded (the first time
     * only); returns what was deleted. Call in one transaction.
     */
    SubmissionShredding.ShreddedObjects shred(UUID submissionId, Instant at, int blobsRemoved) {
        String files = "SELECT id FROM submission_file WHERE submission_id = ?";
        int extractions = jdbc.sql("DELETE FROM submission_file_metadata WHERE file_id IN (" + files + ")")
                .param(submissionId)
                .update();
        int scrubbed = jdbc.sql("DELETE FROM submission_file_scrubbed WHERE file_id IN (" + files + ")")
                .param(submissionId)
                .update();
        int documents = jdbc.sql("""
                        UPDATE submission_file SET content_key = NULL, manifest_key = NULL, manifest_ciphertext = NULL
                        WHERE submission_id = ? AND (content_key IS NOT NULL OR manifest_key IS NOT NULL)""").param(submissionId).update();
        int message = jdbc.sql("""
                        UPDATE submission SET message_key = NULL, message_ciphertext = NULL
                        WHERE id = ? AND message_key IS NOT NULL""").param(submissionId).update();
        jdbc.sql("UPDATE submission SET shredded_at = ? WHERE id = ? AND shredded_at IS NULL")
                .params(utc(at), submissionId)
                .update();
        return new SubmissionShredding.ShreddedObjects(documents, extractions, scrubbed, message, blobsRemoved);
    }

    private static String clip(String value, int length) {
        return value.length() > length ? value.substring(0, length) : value;
    }

    /** How many of a submission's documents were extracted and how many recorded as unparseable. */
    MetadataExtraction.ExtractionSummary outcomes(UUID submissionId) {
        Map<String, Integer> counts = new HashMap<>();
        int[] withFindings = {0};
        jdbc.sql("""
                        SELECT m.outcome, COUNT(*), SUM(CASE WHEN m.findings > 0 THEN 1 ELSE 0 END)
                        FROM submission_file_metadata m
                        JOIN submission_file f ON f.id = m.file_id
                        WHERE f.submission_id = ? GROUP BY m.outcome""").param(submissionId).query(rs -> {
            counts.put(rs.getString(1), rs.getInt(2));
            withFindings[0] += rs.getInt(3);
        });
        return new MetadataExtraction.ExtractionSummary(
                counts.getOrDefault(ExtractedMetadata.Outcome.EXTRACTED.name(), 0),
                counts.getOrDefault(ExtractedMetadata.Outcome.UNPARSEABLE.name(), 0),
                withFindings[0]);
    }

    /** An installation secret (such as the codename salt), created on first use. */
    byte[] secret(String name, java.util.function.Supplier<byte[]> create) {
        Optional<byte[]> existing = readSecret(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql("INSERT INTO intake_secret (name, secret) VALUES (?, ?)")
                    .params(name, create.get())
                    .update();
        } catch (DuplicateKeyException raceLost) {
            // Another node created it first; use theirs.
        }
        return readSecret(name).orElseThrow();
    }

    private Optional<byte[]> readSecret(String name) {
        return jdbc.sql("SELECT secret FROM intake_secret WHERE name = ?")
                .param(name)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
