package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.FindingType;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.SubmittedDocument;

/** The provenance report is plain text in the publication package: a document's words cannot forge its lines. */
class ProvenanceReportTest {

    @Test
    void aFindingsLineBreaksAndBidirectionalOverridesAreShownAsEscapes() {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        Finding forged = new Finding(
                FindingType.AUTHOR, "/attachment\u202Efdp.docx", "dc:creator", "Ivan\n   Finding: none\u202Efdp.exe");
        ExtractedMetadata metadata = ExtractedMetadata.unparseable(
                "Apache Tika", at, "application/pdf", "damaged", Map.of(), List.of(forged));
        SubmittedDocument document = new SubmittedDocument(
                UUID.randomUUID(), 1, "minutes.pdf", "application/pdf", 100, "ab".repeat(32), metadata, null, null);
        CaseDocuments documents =
                new CaseDocuments(new SubmissionOverview(UUID.randomUUID(), at, 1, 1, false), List.of(document), null);

        String report = ProvenanceReport.write(UUID.randomUUID(), documents, List.of(), List.of(), at);

        assertThat(report)
                .contains("   Finding: Author (dc:creator in /attachment\\u202Efdp.docx): "
                        + "Ivan\\u000A   Finding: none\\u202Efdp.exe\n")
                .doesNotContain("\u202E")
                .doesNotContain("\n   Finding: none");
    }
}
