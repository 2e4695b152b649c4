package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionReceived;
import org.leakdesk.intake.Submissions;
import org.leakdesk.intake.SubmittedDocument;
import org.leakdesk.intake.UploadLimits;
import org.leakdesk.intake.UploadRejectedException;
import org.leakdesk.intake.UploadRejectedException.Reason;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.util.unit.DataSize;

@SpringBootTest
@RecordApplicationEvents
class SubmissionIntakeTest {

    private static final String FILE_NAME = "fsb-7th-directorate-assessment-2024.txt";

    @Autowired
    SubmissionIntake intake;

    @Autowired
    Submissions submissions;

    @Autowired
    MetadataExtraction extraction;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationEvents events;

    @Autowired
    DraftServices services;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void aSubmissionIsStoredEncryptedAndAnnounced() throws Exception {
        byte[] article = Files.readAllBytes(SharedFiles.sample(SharedFiles.SPECIALEURASIA));
        String message = "This is the analysis I told you about; the original is eight pages.";

        Receipt receipt;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(FILE_NAME, "text/plain", new ByteArrayInputStream(article));
            draft.setMessage(message);
            receipt = draft.commit();
        }

        assertThat(receipt.codename().split(" ")).hasSize(7);
        assertThat(receipt.toString()).doesNotContain(receipt.codename());
        assertThat(events.stream(SubmissionReceived.class)).singleElement().satisfies(e -> {
            assertThat(e.submissionId()).isEqualTo(receipt.submissionId());
            assertThat(e.fileCount()).isEqualTo(1);
        });

        // The document's hash is taken when extraction reads the stored copy back.
        extraction.extractAll(receipt.submissionId());
        CaseDocuments read = submissions.read(receipt.submissionId(), "reviewer");
        SubmittedDocument document = read.documents().get(0);
        assertThat(document.fileName()).isEqualTo(FILE_NAME);
        assertThat(document.size()).isEqualTo(article.length);
        assertThat(document.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(article)));
        assertThat(read.message()).isEqualTo(message);
        assertThat(read.overview().fileCount()).isEqualTo(1);

        PlaintextScanner scanner = new PlaintextScanner(List.of(
                article,
                message.getBytes(StandardCharsets.UTF_8),
                receipt.codename().getBytes(StandardCharsets.UTF_8),
                FILE_NAME.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanner.findInFiles(blobs)).isEmpty();
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
        assertThat(accessLog.entries(
                        new AccessLogQuery(null, null, receipt.submissionId().toString(), 10)))
                .extracting(AccessLogEntry::action)
                .containsExactly(
                        IntakeAccessAction.CASE_VIEWED,
                        IntakeAccessAction.METADATA_EXTRACTED,
                        IntakeAccessAction.SUBMISSION_RECEIVED);
    }

    @Test
    void anUploadThatBreaksALimitLeavesNoRowAndNoFile() throws Exception {
        long submissionsBefore = count("submission");
        long blobsBefore = blobFiles();
        DefaultSubmissionIntake small = new DefaultSubmissionIntake(new DraftServices(
                new UploadLimits(3, DataSize.ofKilobytes(64), DataSize.ofKilobytes(100), 100),
                services.encryptor(),
                services.blobs(),
                services.store(),
                services.conversations(),
                services.codenames(),
                services.accessLog(),
                services.events(),
                services.transactions(),
                services.json(),
                services.clock(),
                services.sourceSettings(),
                services.uploadThreads()));

        try (SubmissionDraft draft = small.begin()) {
            draft.addFile("first.bin", null, new ByteArrayInputStream(new byte[10_000]));
            assertThat(blobFiles()).isEqualTo(blobsBefore + 1);
            assertThatThrownBy(() -> draft.addFile("second.bin", null, new ByteArrayInputStream(new byte[70_000])))
                    .isInstanceOfSatisfying(UploadRejectedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.FILE_TOO_LARGE);
                        assertThat(e.tooLarge()).isTrue();
                    })
                    .hasMessageContaining("larger than");
        }

        assertThat(count("submission")).isEqualTo(submissionsBefore);
        assertThat(blobFiles()).isEqualTo(blobsBefore);
        assertThat(Files.list(blobs.resolve("incoming")).count()).isZero();

        try (SubmissionDraft draft = small.begin()) {
            draft.addFile("a.bin", null, new ByteArrayInputStream(new byte[60_000]));
            assertThatThrownBy(() -> draft.addFile("b.bin", null, new ByteArrayInputStream(new byte[60_000])))
                    .isInstanceOfSatisfying(
                            UploadRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.UPLOAD_TOO_LARGE));
        }
        assertThat(blobFiles()).isEqualTo(blobsBefore);
    }

    @Test
    void anInterruptedStreamLeavesNothingBehind() throws Exception {
        long submissionsBefore = count("submission");
        long blobsBefore = blobFiles();
        InputStream brokenConnection = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 10_000) {
                    throw new IOException("connection reset by peer");
                }
                return 'x';
            }
        };

        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("ok.txt", "text/plain", new ByteArrayInputStream("fine".getBytes()));
            assertThatThrownBy(() -> draft.addFile("broken.txt", "text/plain", brokenConnection))
                    .isInstanceOf(IOException.class);
        }

        assertThat(count("submission")).isEqualTo(submissionsBefore);
        assertThat(blobFiles()).isEqualTo(blobsBefore);
    }

    @Test
    void aSubmissionNeedsAFileAndAShortEnoughMessage() {
        try (SubmissionDraft draft = intake.begin()) {
            draft.setMessage("Only a message");
            assertThatThrownBy(draft::commit)
                    .isInstanceOfSatisfying(
                            UploadRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NO_FILES));
        }
        try (SubmissionDraft draft = intake.begin()) {
            assertThatThrownBy(() -> draft.setMessage("x".repeat(intake.limits().maxMessageLength() + 1)))
                    .isInstanceOfSatisfying(
                            UploadRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MESSAGE_TOO_LONG));
        }
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private long blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
