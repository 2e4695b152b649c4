package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.WrappedKey;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.Submissions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every intake envelope is bound to its submission: a document moved to another case in the
 * database (blob, wrapped key, manifest, extracted text and metadata all carried along) no longer
 * decrypts there, and says why.
 */
@SpringBootTest
class CaseBindingTest {

    private static final String CONTENT = "Minutes of the planning meeting, page one of eight.";

    @Autowired
    SubmissionIntake intake;

    @Autowired
    MetadataExtraction extraction;

    @Autowired
    Submissions submissions;

    @Autowired
    SubmissionStore store;

    @Autowired
    Decryptor decryptor;

    @Autowired
    BlobStore blobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDocumentMovedToAnotherCaseFailsToDecryptThere() throws Exception {
        Receipt first = submit("minutes.txt", CONTENT);
        Receipt second = submit("other.txt", "Something else entirely.");
        extraction.extractAll(first.submissionId());
        SubmissionStore.FileRow original = store.files(first.submissionId()).get(0);
        assertThat(readContent(original, first.submissionId())).isEqualTo(CONTENT);

        jdbc.sql("UPDATE submission_file SET submission_id = ?, file_order = 2 WHERE id = ?")
                .params(second.submissionId(), original.fileId())
                .update();

        SubmissionStore.FileRow moved = store.files(second.submissionId()).stream()
                .filter(row -> row.fileId().equals(original.fileId()))
                .findFirst()
                .orElseThrow();
        assertThat(moved.blobId()).isEqualTo(original.blobId());
        assertThatThrownBy(() -> readContent(moved, second.submissionId()))
                .isInstanceOf(TamperedCiphertextException.class)
                .hasMessageContaining("case:" + second.submissionId() + "/submission-file:" + original.fileId())
                .hasMessageContaining("belongs to another object or case");
        DecryptionSession session = session(second.submissionId());
        assertThatThrownBy(
                        () -> session.open(moved.manifest(), FileRefs.manifest(second.submissionId(), moved.fileId())))
                .isInstanceOf(TamperedCiphertextException.class);
        SealedValue text = store.text(moved.fileId()).orElseThrow();
        assertThatThrownBy(() -> session.open(text, FileRefs.text(second.submissionId(), moved.fileId())))
                .isInstanceOf(TamperedCiphertextException.class);
        SealedValue metadata = store.metadata(moved.fileId()).orElseThrow().metadata();
        assertThatThrownBy(() -> session.open(metadata, FileRefs.metadata(second.submissionId(), moved.fileId())))
                .isInstanceOf(TamperedCiphertextException.class);
        assertThatThrownBy(() -> submissions.read(second.submissionId(), "reviewer"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged or altered")
                .hasCauseInstanceOf(TamperedCiphertextException.class);

        // Back where it belongs, the same bytes decrypt again: the case id is what refused it.
        jdbc.sql("UPDATE submission_file SET submission_id = ?, file_order = 1 WHERE id = ?")
                .params(first.submissionId(), original.fileId())
                .update();
        assertThat(submissions
                        .read(first.submissionId(), "reviewer")
                        .documents()
                        .get(0)
                        .text())
                .contains("planning meeting");
    }

    @Test
    void aMessageCopiedToAnotherCaseFailsToDecryptThere() throws Exception {
        Receipt first = submit("a.txt", "a", "The message of the first source.");
        Receipt second = submit("b.txt", "b", "The second source's message.");
        SealedValue message = store.message(first.submissionId()).orElseThrow();

        jdbc.sql("UPDATE submission SET message_key = ?, message_ciphertext = ? WHERE id = ?")
                .params(message.key().packet(), message.ciphertext(), second.submissionId())
                .update();

        assertThatThrownBy(() -> submissions.read(second.submissionId(), "reviewer"))
                .hasCauseInstanceOf(TamperedCiphertextException.class);
        assertThat(submissions.read(first.submissionId(), "reviewer").message())
                .isEqualTo("The message of the first source.");
    }

    private String readContent(SubmissionStore.FileRow row, UUID asCase) throws IOException {
        try (InputStream ciphertext = blobs.open(row.blobId());
                InputStream plaintext = session(asCase)
                        .decrypt(
                                ciphertext,
                                new WrappedKey(row.contentKey().packet()),
                                FileRefs.content(asCase, row.fileId()))) {
            return new String(plaintext.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private DecryptionSession session(UUID caseId) {
        return decryptor.open(
                new AccessRecord("test", IntakeAccessAction.CASE_VIEWED, caseId.toString(), "binding test"));
    }

    private Receipt submit(String name, String content) throws IOException {
        return submit(name, content, null);
    }

    private Receipt submit(String name, String content, String message) throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(name, "text/plain", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
            if (message != null) {
                draft.setMessage(message);
            }
            return draft.commit();
        }
    }
}
