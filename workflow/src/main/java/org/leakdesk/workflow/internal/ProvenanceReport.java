package org.leakdesk.workflow.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.FileNames;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.Finding;
import org.leakdesk.intake.SubmittedDocument;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationTally;

/** The provenance report of a published case, as plain text an editor can file with the story. */
final class ProvenanceReport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A triage, assessment or decision, for the report. */
    record Entry(
            String step,
            String outcome,
            String note,
            @Nullable String tally,
            String by,
            Instant at) {}

    private ProvenanceReport() {}

    static String write(
            UUID caseId,
            CaseDocuments documents,
            List<VerificationRequest> requests,
            List<Entry> history,
            Instant preparedAt) {
        StringBuilder out = new StringBuilder();
        out.append("LeakDesk provenance report\n==========================\n\n");
        out.append("Case:      ").append(caseId).append('\n');
        out.append("Received:  ")
                .append(TIME.format(documents.overview().receivedAt().truncatedTo(ChronoUnit.HOURS)))
                .append(" (to the hour)\n");
        out.append("Prepared:  ").append(TIME.format(preparedAt)).append("\n\n");
        out.append("Documents\n---------\n");
        for (SubmittedDocument document : documents.documents()) {
            document(out, document);
        }
        out.append("\nVerification\n------------\n");
        out.append(VerificationTally.of(requests).summary()).append('\n');
        for (VerificationRequest request : requests) {
            request(out, request);
        }
        out.append("\nTriage, assessments and decisions\n---------------------------------\n");
        for (Entry entry : history) {
            out.append("- ")
                    .append(TIME.format(entry.at()))
                    .append(": ")
                    .append(entry.step())
                    .append(" by ")
                    .append(entry.by())
                    .append(": ")
                    .append(entry.outcome());
            if (entry.tally() != null) {
                out.append(" (tally then: ").append(entry.tally()).append(')');
            }
            if (!entry.note().isEmpty()) {
                out.append("\n    ").append(entry.note().replace("\n", "\n    "));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void document(StringBuilder out, SubmittedDocument document) {
        out.append(document.position())
                .append(". ")
                .append(FileNames.forDisplay(document.fileName()))
                .append(", ")
                .append(document.size())
                .append(" bytes\n   SHA-256 ")
                .append(
                        document.sha256() == null
                                ? "not available (no intact stored copy was read)"
                                : document.sha256())
                .append('\n');
        if (document.metadata() != null) {
            out.append("   Type ")
                    .append(
                            document.metadata().detectedType() == null
                                    ? "unknown"
                                    : document.metadata().detectedType())
                    .append(", extracted by ")
                    .append(document.metadata().extractor())
                    .append('\n');
            for (Finding finding : document.metadata().findings()) {
                out.append("   Finding: ")
                        .append(finding.type().label())
                        .append(" (")
                        .append(FileNames.visibleText(finding.field()))
                        .append(finding.inFileItself() ? "" : " in " + FileNames.forDisplay(finding.documentPath()))
                        .append("): ")
                        // A value with a line break or a bidirectional override cannot forge a line.
                        .append(FileNames.visibleText(finding.value()))
                        .append('\n');
            }
        }
        if (document.scrubbedCopy() != null) {
            out.append("   Scrubbed copy: ")
                    .append(document.scrubbedCopy().mediaType())
                    .append(", SHA-256 ")
                    .append(document.scrubbedCopy().sha256())
                    .append(", made by ")
                    .append(document.scrubbedCopy().createdBy())
                    .append('\n');
        } else {
            out.append("   No scrubbed copy: publish from the air-gapped machine only after removing metadata.\n");
        }
    }

    private static void request(StringBuilder out, VerificationRequest request) {
        out.append("- Round ")
                .append(request.round())
                .append(": ")
                .append(request.organisation())
                .append(" (")
                .append(request.contact())
                .append("), sent ")
                .append(request.sentAt() == null ? "never" : TIME.format(request.sentAt()))
                .append(", deadline ")
                .append(TIME.format(request.deadline()))
                .append("\n    Asked: ")
                .append(request.question().replace("\n", " "))
                .append("\n    ");
        if (request.answer() != null) {
            out.append(request.answer().verdict().label())
                    .append(" on ")
                    .append(TIME.format(request.answer().answeredAt()))
                    .append(
                            request.answer().throughLink()
                                    ? ", through their link"
                                    : ", recorded by " + request.answer().recordedBy());
            if (!request.answer().comment().isEmpty()) {
                out.append(": ").append(request.answer().comment().replace("\n", " "));
            }
        } else {
            out.append(request.state().label());
        }
        out.append('\n');
    }
}
