package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.ExtractedMetadata.Outcome;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.Submissions;
import org.leakdesk.intake.SubmittedDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A document's SHA-256 is taken as extraction reads the stored copy back, over every byte, also
 * when the parser reads none of it: here the document is larger than the parsing limit.
 */
@SpringBootTest(properties = "leakdesk.extraction.max-document-size=4KB")
class ExtractionHashTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    MetadataExtraction extraction;

    @Autowired
    Submissions submissions;

    @Test
    void aDocumentTheParserDoesNotReadIsHashedWhole() throws Exception {
        byte[] content = new byte[300_000];
        new Random(5).nextBytes(content);
        Receipt receipt;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("large.bin", null, new ByteArrayInputStream(content));
            receipt = draft.commit();
        }
        assertThat(submissions.read(receipt.submissionId(), "reviewer").documents())
                .singleElement()
                .extracting(SubmittedDocument::sha256)
                .as("no hash before extraction")
                .isNull();

        extraction.extractAll(receipt.submissionId());

        SubmittedDocument document =
                submissions.read(receipt.submissionId(), "reviewer").documents().get(0);
        assertThat(document.metadata().outcome()).isEqualTo(Outcome.UNPARSEABLE);
        assertThat(document.metadata().problem()).contains("parsing limit");
        assertThat(document.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }
}
