package org.leakdesk.review.casefile;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.SubmittedDocument;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseFile;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.DecisionRecord;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationAnswer;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationTally;

/** Cases as {@code CaseInbox.open} would return them, for the case page's slice tests. */
final class CaseFiles {

    static final UUID CASE = UUID.fromString("3f2a9c1b-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    static final String TASK = "task-1";
    static final Instant RECEIVED = Instant.parse("2026-11-20T09:00:00Z");
    static final StaffMember RITA = new StaffMember("rita", Set.of(StaffRole.REVIEWER));
    static final StaffMember EDNA = new StaffMember("edna", Set.of(StaffRole.EDITOR));

    private CaseFiles() {}

    static InboxTask task(TaskKind kind, @Nullable String assignee) {
        return new InboxTask(TASK, kind, CASE, RECEIVED, 1, 0, RECEIVED.plusSeconds(60), assignee);
    }

    static CaseStatus status(CaseStage stage, @Nullable InboxTask task) {
        return new CaseStatus(
                CASE,
                stage,
                task == null ? List.of() : List.of(task),
                task != null && task.unclaimed() ? task : null,
                null,
                Set.of(),
                null,
                null,
                null);
    }

    static CaseStatus decisionStatus(InboxTask task) {
        return new CaseStatus(
                CASE,
                CaseStage.AWAITING_EDITORIAL_DECISION,
                List.of(task),
                null,
                "rita",
                Set.of("ravi"),
                null,
                null,
                null);
    }

    static CaseDocuments documents() {
        return documents("report.txt");
    }

    static CaseDocuments documents(String fileName) {
        SubmittedDocument report = new SubmittedDocument(
                UUID.fromString("00000000-0000-0000-0000-00000000000f"),
                1,
                fileName,
                "text/plain",
                8_300,
                "ab12cd34",
                null,
                null,
                null);
        return new CaseDocuments(
                new SubmissionOverview(CASE, RECEIVED, 1, 1, true), List.of(report), "Here is the plan.");
    }

    static CaseFile file(CaseStatus status, List<VerificationRequest> requests) {
        return new CaseFile(status, documents(), requests, VerificationTally.of(requests), List.of(), List.of(), null);
    }

    static CaseFile file(CaseStatus status) {
        return file(status, List.of());
    }

    static CaseFile withHistory(CaseStatus status, List<Assessment> assessments, List<DecisionRecord> decisions) {
        return new CaseFile(
                status, documents(), List.of(), VerificationTally.of(List.of()), assessments, decisions, null);
    }

    static VerificationRequest draft(String organisation) {
        return request(organisation, null, null, null, null);
    }

    static VerificationRequest waiting(String organisation, @Nullable Instant remindedAt) {
        return request(organisation, RECEIVED.plusSeconds(3_600), remindedAt, null, null);
    }

    static VerificationRequest answered(String organisation, Verdict verdict, String comment, String recordedBy) {
        return request(
                organisation,
                RECEIVED.plusSeconds(3_600),
                null,
                new VerificationAnswer(verdict, comment, Instant.parse("2026-11-22T10:15:00Z"), recordedBy),
                null);
    }

    static VerificationRequest unanswered(String organisation) {
        return request(
                organisation,
                RECEIVED.plusSeconds(3_600),
                Instant.parse("2026-11-25T00:00:00Z"),
                null,
                Instant.parse("2026-11-30T23:59:59Z"));
    }

    private static VerificationRequest request(
            String organisation,
            @Nullable Instant sentAt,
            @Nullable Instant remindedAt,
            @Nullable VerificationAnswer answer,
            @Nullable Instant noAnswerAt) {
        return new VerificationRequest(
                UUID.nameUUIDFromBytes(organisation.getBytes()),
                1,
                organisation,
                "desk@" + organisation.toLowerCase().replace(' ', '-') + ".example",
                "Is the planning document genuine?",
                Sharing.EXCERPT,
                "Page 3, paragraph 2 of " + organisation,
                Instant.parse("2026-11-30T23:59:59Z"),
                "rita",
                sentAt,
                remindedAt,
                answer,
                noAnswerAt);
    }
}
