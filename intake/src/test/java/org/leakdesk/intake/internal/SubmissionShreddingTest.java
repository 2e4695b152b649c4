package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShreddedException;
import org.leakdesk.intake.SubmissionShredding;
import org.leakdesk.intake.SubmissionShredding.ShreddedObjects;
import org.leakdesk.intake.Submissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Crypto-shredding a submission through the whole path: submitted, extracted and scrubbed, then
 * destroyed. Afterwards the database holds no key or ciphertext of it, the blob store none of its
 * blobs, and every reader says so plainly; a submission beside it is untouched.
 */
@SpringBootTest
class SubmissionShreddingTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    MetadataExtraction extraction;

    @Autowired
    ScrubbedCopies scrubbedCopies;

    @Autowired
    Submissions submissions;

    @Autowired
    SubmissionShredding shredding;

    @Autowired
    BlobStore blobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessLog accessLog;

    @Test
    void aShreddedSubmissionLeavesNoKeyNoCiphertextAndNoBlob() throws Exception {
        Receipt doomed = submit("The memo, as promised.", "testWORD.docx", "testPDF.pdf");
        Receipt kept = submit("Another source.", "testWORD.docx");
        UUID caseId = doomed.submissionId();
        extraction.extractAll(caseId);
        extraction.extractAll(kept.submissionId());
        UUID firstFile = files(caseId).get(0);
        assertThat(scrubbedCopies.make(caseId, firstFile, "rita")).isInstanceOf(ScrubbedCopies.Made.class);
        List<BlobId> caseBlobs = blobsOf(caseId);
        assertThat(caseBlobs).hasSize(3).allMatch(blobs::exists);
        int logEntries = logEntries(caseId);

        ShreddedObjects destroyed = shredding.shred(caseId);

        assertThat(destroyed).isEqualTo(new ShreddedObjects(2, 2, 1, 1, 3));
        assertThat(caseBlobs).noneMatch(blobs::exists);
        assertThat(keysLeft(caseId)).as("wrapped keys or ciphertexts left").isZero();
        assertThatThrownBy(() -> submissions.read(caseId, "rita"))
                .isInstanceOf(SubmissionShreddedException.class)
                .hasMessageContaining("destroyed");
        assertThatThrownBy(() -> scrubbedCopies.write(caseId, firstFile, "rita", new ByteArrayOutputStream()))
                .isInstanceOf(SubmissionShreddedException.class);
        assertThatThrownBy(() -> extraction.extractAll(caseId)).isInstanceOf(SubmissionShreddedException.class);
        assertThat(submissions.overview(caseId))
                .as("the case itself is still known")
                .isPresent();
        assertThat(logEntries(caseId))
                .as("the caller logs the destruction, not intake")
                .isEqualTo(logEntries);

        assertThat(shredding.shred(caseId))
                .as("a second run finds nothing")
                .isEqualTo(new ShreddedObjects(0, 0, 0, 0, 0));
        assertThat(submissions.read(kept.submissionId(), "rita").documents())
                .singleElement()
                .satisfies(document -> assertThat(document.metadata()).isNotNull());
        assertThat(blobsOf(kept.submissionId())).allMatch(blobs::exists);
        assertThatThrownBy(() -> shredding.shred(UUID.randomUUID())).isInstanceOf(SubmissionNotFoundException.class);
    }

    private long keysLeft(UUID caseId) {
        return jdbc.sql("""
                        SELECT
                          (SELECT COUNT(*) FROM submission WHERE id = :id
                              AND (message_key IS NOT NULL OR message_ciphertext IS NOT NULL))
                        + (SELECT COUNT(*) FROM submission_file WHERE submission_id = :id
                              AND (content_key IS NOT NULL OR manifest_key IS NOT NULL OR manifest_ciphertext IS NOT NULL))
                        + (SELECT COUNT(*) FROM submission_file_metadata m JOIN submission_file f ON f.id = m.file_id
                              WHERE f.submission_id = :id)
                        + (SELECT COUNT(*) FROM submission_file_scrubbed c JOIN submission_file f ON f.id = c.file_id
                              WHERE f.submission_id = :id)""").param("id", caseId).query(Long.class).single();
    }

    private List<BlobId> blobsOf(UUID caseId) {
        return jdbc.sql("""
                        SELECT blob_id FROM submission_file WHERE submission_id = :id
                        UNION ALL SELECT c.blob_id FROM submission_file_scrubbed c
                            JOIN submission_file f ON f.id = c.file_id WHERE f.submission_id = :id""")
                .param("id", caseId)
                .query((rs, n) -> new BlobId(rs.getObject(1, UUID.class)))
                .list();
    }

    private List<UUID> files(UUID caseId) {
        return jdbc.sql("SELECT id FROM submission_file WHERE submission_id = ? ORDER BY file_order")
                .param(caseId)
                .query(UUID.class)
                .list();
    }

    private int logEntries(UUID caseId) {
        return accessLog
                .entries(new AccessLogQuery(null, null, caseId.toString(), 1000))
                .size();
    }

    private Receipt submit(String message, String... corpusFiles) throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            draft.setMessage(message);
            for (String name : corpusFiles) {
                Path file = SharedFiles.corpus(name);
                try (InputStream in = Files.newInputStream(file)) {
                    draft.addFile(name, null, in);
                }
            }
            return draft.commit();
        }
    }
}
