package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.ExtractedMetadata.Outcome;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.MetadataExtraction.ExtractionSummary;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.Submissions;
import org.leakdesk.intake.SubmittedDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class MetadataExtractionTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    MetadataExtraction extraction;

    @Autowired
    Submissions submissions;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void extractsEveryDocumentOnceAndStoresTheResultEncrypted() throws Exception {
        Receipt receipt = submit(
                SharedFiles.sample(SharedFiles.PORAVALIT),
                SharedFiles.corpus("testWORD.docx"),
                SharedFiles.corpus("testWORD_truncated.docx"));

        ExtractionSummary summary = extraction.extractAll(receipt.submissionId());
        ExtractionSummary again = extraction.extractAll(receipt.submissionId());

        assertThat(summary).isEqualTo(new ExtractionSummary(2, 1, 1));
        assertThat(again).isEqualTo(summary);
        assertThat(extractionEntries(receipt.submissionId()))
                .as("the second run decrypts nothing")
                .hasSize(1);
        CaseDocuments documents = submissions.read(receipt.submissionId(), "reviewer");
        assertThat(documents.overview().filesExtracted()).isEqualTo(3);
        List<SubmittedDocument> files = documents.documents();
        assertThat(files.get(0).metadata().detectedType()).startsWith("text/plain");
        assertThat(files.get(0).metadata().language()).isEqualTo("en");
        assertThat(files.get(1).metadata().author()).isEqualTo("Keith Bennett");
        assertThat(files.get(1).metadata().pageCount()).isEqualTo(2);
        assertThat(files.get(2).metadata().outcome()).isEqualTo(Outcome.UNPARSEABLE);
        assertThat(files.get(2).metadata().problem()).isNotBlank();
        // The hash is taken from the stored copy as extraction reads it: every byte, parsed or not.
        assertThat(files)
                .extracting(SubmittedDocument::sha256)
                .containsExactly(
                        sha256(SharedFiles.sample(SharedFiles.PORAVALIT)),
                        sha256(SharedFiles.corpus("testWORD.docx")),
                        sha256(SharedFiles.corpus("testWORD_truncated.docx")));
        assertThat(jdbc.sql(
                                "SELECT extractor FROM submission_file_metadata m JOIN submission_file f ON f.id = m.file_id"
                                        + " WHERE f.submission_id = ?")
                        .param(receipt.submissionId())
                        .query(String.class)
                        .list())
                .hasSize(3)
                .allSatisfy(tool -> assertThat(tool).startsWith("Apache Tika 3."));
    }

    /** Tampering is not a property of the document: it is recorded as such, and the case goes on. */
    @Test
    void anAlteredDocumentIsRecordedAsFailingItsIntegrityCheck() throws Exception {
        Receipt receipt = submit(SharedFiles.corpus("testPDF.pdf"));
        Path blob = blobOf(receipt.submissionId(), 1);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(blob, bytes);

        ExtractionSummary summary = extraction.extractAll(receipt.submissionId());

        assertThat(summary).isEqualTo(new ExtractionSummary(0, 1));
        SubmittedDocument document =
                submissions.read(receipt.submissionId(), "reviewer").documents().get(0);
        assertThat(document.metadata().problem()).contains("integrity check");
        assertThat(document.sha256()).as("no hash of an altered copy").isNull();
    }

    /** Each document's result is committed on its own: a later failure does not undo an earlier result. */
    @Test
    void aFailureOnOneDocumentKeepsTheResultsBeforeIt() throws Exception {
        Receipt receipt = submit(SharedFiles.corpus("testPDF.pdf"), SharedFiles.corpus("testWORD.docx"));
        Path second = blobOf(receipt.submissionId(), 2);
        byte[] kept = Files.readAllBytes(second);
        Files.delete(second);

        assertThatThrownBy(() -> extraction.extractAll(receipt.submissionId()))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(submissions.overview(receipt.submissionId()).orElseThrow().filesExtracted())
                .isEqualTo(1);

        Files.write(second, kept);
        assertThat(extraction.extractAll(receipt.submissionId())).isEqualTo(new ExtractionSummary(2, 0, 2));
    }

    @Test
    void theTextIsStoredEncryptedAndFindingsComeWithTheMetadata() throws Exception {
        Receipt receipt = submit(SharedFiles.corpus("testJPEG_GEO.jpg"), SharedFiles.sample(SharedFiles.PORAVALIT));

        extraction.extractAll(receipt.submissionId());

        List<SubmittedDocument> documents =
                submissions.read(receipt.submissionId(), "reviewer").documents();
        assertThat(documents.get(1).text()).contains("FSB");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission_file_metadata m JOIN submission_file f ON f.id = m.file_id"
                                + " WHERE f.submission_id = ? AND m.text_ciphertext IS NOT NULL")
                        .param(receipt.submissionId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(documents.get(0).metadata().fields()).containsKey("geo:lat");
    }

    /**
     * A worker that lost its task (its lock ran out while the database was away) learns it from the
     * first lock check: it must stop before decrypting or logging anything, or the worker that took
     * the task over would log the same extraction a second time.
     */
    @Test
    void aRefusedLockCheckStopsTheRunBeforeAnythingIsDecryptedOrLogged() throws Exception {
        Receipt receipt = submit(SharedFiles.corpus("testPDF.pdf"), SharedFiles.corpus("testWORD.docx"));

        assertThatThrownBy(() -> extraction.extractAll(receipt.submissionId(), () -> {
                    throw new IllegalStateException("the task is locked by another worker");
                }))
                .hasMessage("the task is locked by another worker");

        assertThat(extractionEntries(receipt.submissionId())).isEmpty();
        assertThat(submissions.overview(receipt.submissionId()).orElseThrow().filesExtracted())
                .isZero();
        extraction.extractAll(receipt.submissionId());
        assertThat(extractionEntries(receipt.submissionId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("2 documents"));
    }

    @Test
    void anUnknownSubmissionIsNotFound() {
        assertThatThrownBy(() -> extraction.extractAll(UUID.randomUUID()))
                .isInstanceOf(SubmissionNotFoundException.class);
    }

    private List<AccessLogEntry> extractionEntries(UUID submissionId) {
        return accessLog.entries(new AccessLogQuery(
                DocumentExtraction.ACTOR, IntakeAccessAction.METADATA_EXTRACTED, submissionId.toString(), 10));
    }

    private Path blobOf(UUID submissionId, int order) {
        UUID blobId = jdbc.sql("SELECT blob_id FROM submission_file WHERE submission_id = ? AND file_order = ?")
                .params(submissionId, order)
                .query(UUID.class)
                .single();
        return blobs.resolve(blobId.toString().substring(0, 2)).resolve(blobId.toString());
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private Receipt submit(Path... files) throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    draft.addFile(file.getFileName().toString(), null, in);
                }
            }
            return draft.commit();
        }
    }
}
