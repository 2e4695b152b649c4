package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.ScrubbedCopy;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.parsing.ParseReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scrubbed copies made through the whole path (decrypt, scrub in a parser child, encrypt, store),
 * read back and parsed again: none of the original's identifying findings remain, and the text
 * a reader sees is the same.
 */
@SpringBootTest
class ScrubbedCopiesTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ScrubbedCopies copies;

    @Autowired
    IsolatedParsers parsers;

    @Autowired
    Decryptor decryptor;

    @Autowired
    BlobStore blobs;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "testWORD_custom_props.docx",
                "testEXCEL_custom_props.xlsx",
                "testWORD.docx",
                "testPDF.pdf",
                "testJPEG_GEO.jpg",
                "testJPEG_EXIF.jpg"
            })
    void aScrubbedCopyHasNoIdentifyingFindingsAndTheSameText(String name) throws Exception {
        Path original = SharedFiles.corpus(name);
        Receipt receipt = submit(original);
        UUID fileId = fileOf(receipt);

        ScrubbedCopies.ScrubOutcome outcome = copies.make(receipt.submissionId(), fileId, "reviewer");

        assertThat(outcome).isInstanceOf(ScrubbedCopies.Made.class);
        ScrubbedCopy copy = ((ScrubbedCopies.Made) outcome).copy();
        byte[] scrubbed = readCopy(receipt.submissionId(), fileId);
        assertThat(scrubbed).hasSize((int) copy.size());
        ParseReport before = IsolatedParsersTest.analyze(parsers, original);
        ParseReport after = parsers.analyze(new ByteArrayInputStream(scrubbed), scrubbed.length, name);
        assertThat(identifying(before))
                .as("the original has something to scrub")
                .isNotEmpty();
        assertThat(identifying(after))
                .as("identifying findings left in the copy")
                .isEmpty();
        assertThat(words(after.documents().get(0).text())).isEqualTo(visibleText(before));
        assertThat(copies.make(receipt.submissionId(), fileId, "reviewer"))
                .as("asking again returns the same copy")
                .isEqualTo(outcome);
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        assertThat(copies.write(receipt.submissionId(), fileId, "editor", written))
                .isEqualTo(copy);
        assertThat(written.toByteArray()).isEqualTo(scrubbed);
        assertThatThrownBy(() -> copies.write(UUID.randomUUID(), fileId, "editor", written))
                .as("a document is only found through its own case")
                .isInstanceOf(org.leakdesk.intake.SubmissionNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"testRTF.rtf", "testWORD_protected_passtika.docx"})
    void aFormatThatCannotBeScrubbedIsSaidSoAndNothingIsStored(String name) throws Exception {
        Receipt receipt = submit(SharedFiles.corpus(name));
        UUID fileId = fileOf(receipt);

        ScrubbedCopies.ScrubOutcome outcome = copies.make(receipt.submissionId(), fileId, "reviewer");

        assertThat(outcome).isInstanceOf(ScrubbedCopies.NotPossible.class);
        assertThat(((ScrubbedCopies.NotPossible) outcome).reason()).isNotBlank();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission_file_scrubbed WHERE file_id = ?")
                        .param(fileId)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static List<FindingType> identifying(ParseReport report) {
        return FindingRules.findings(report.documents(), Instant.now()).stream()
                .map(finding -> finding.type())
                .filter(type -> type.category() == FindingType.Category.IDENTIFYING)
                .toList();
    }

    /** Tika puts the document's title (metadata, scrubbed too) before its text; a reader does not see it there. */
    private static String visibleText(ParseReport report) {
        String text = words(report.documents().get(0).text());
        String title = report.documents().get(0).first("dc:title");
        if (title != null && !title.isBlank() && text.startsWith(words(title))) {
            return text.substring(words(title).length()).strip();
        }
        return text;
    }

    private static String words(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }

    private byte[] readCopy(UUID submissionId, UUID fileId) throws IOException {
        record Stored(UUID blobId, byte[] key) {}
        Stored stored = jdbc.sql("SELECT blob_id, content_key FROM submission_file_scrubbed WHERE file_id = ?")
                .param(fileId)
                .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getBytes(2)))
                .single();
        DecryptionSession session = decryptor.open(
                new AccessRecord("test", IntakeAccessAction.SCRUBBED_COPY_MADE, null, "reading a copy back"));
        try (InputStream ciphertext = blobs.open(new BlobId(stored.blobId()));
                InputStream plaintext = session.decrypt(
                        ciphertext, new WrappedKey(stored.key()), FileRefs.scrubbed(submissionId, fileId))) {
            return plaintext.readAllBytes();
        }
    }

    private UUID fileOf(Receipt receipt) {
        return jdbc.sql("SELECT id FROM submission_file WHERE submission_id = ?")
                .param(receipt.submissionId())
                .query(UUID.class)
                .single();
    }

    private Receipt submit(Path file) throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            try (InputStream in = Files.newInputStream(file)) {
                draft.addFile(file.getFileName().toString(), null, in);
            }
            return draft.commit();
        }
    }
}
