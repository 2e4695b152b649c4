package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionShreddedException;
import org.leakdesk.intake.Submissions;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseFile;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.FourEyesException;
import org.leakdesk.workflow.InboxFilter;
import org.leakdesk.workflow.InboxPage;
import org.leakdesk.workflow.InboxSort;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.Recommendation;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.TaskAlreadyClaimedException;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TaskNotFoundException;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.leakdesk.workflow.VerifierDesk;
import org.leakdesk.workflow.VerifierLink;
import org.leakdesk.workflow.VerifierLinkGoneException;
import org.leakdesk.workflow.VerifierQuestion;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The real process in the Spring engine: real extraction, real checks, real job executor and timers. */
@WorkflowBootTest
class ReviewProcessIntegrationTest {

    private static final StaffMember REVIEWER = new StaffMember("rita", Set.of(StaffRole.REVIEWER));
    private static final StaffMember OTHER_REVIEWER = new StaffMember("ravi", Set.of(StaffRole.REVIEWER));
    private static final StaffMember EDITOR = new StaffMember("edna", Set.of(StaffRole.EDITOR));
    private static final StaffMember REVIEWING_EDITOR =
            new StaffMember("alex", Set.of(StaffRole.REVIEWER, StaffRole.EDITOR));
    private static final StaffMember ASSESSING_EDITOR =
            new StaffMember("sam", Set.of(StaffRole.REVIEWER, StaffRole.EDITOR));
    private static final StaffMember AUDITOR = new StaffMember("aud", Set.of(StaffRole.AUDITOR));

    @Autowired
    SubmissionIntake intake;

    @Autowired
    CaseWork work;

    @Autowired
    CaseInbox inbox;

    @Autowired
    VerifierDesk verifiers;

    @Autowired
    AccessLog accessLog;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScrubbedCopies scrubbedCopies;

    @Autowired
    Submissions submissions;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aSubmissionTravelsFromTriageToPublicationWithItsPackage() throws Exception {
        UUID caseId = submit(SharedFiles.sample(SharedFiles.PORAVALIT));
        InboxTask triage = awaitTask(REVIEWER, caseId, TaskKind.TRIAGE);

        assertThat(triage.documents()).isEqualTo(1);
        assertThat(triage.unclaimed()).isTrue();
        InboxPage all = inbox.inbox(REVIEWER, 0, InboxPage.MAX_PAGE_SIZE);
        InboxPage second = inbox.inbox(REVIEWER, 1, 1);
        assertThat(second.tasks()).hasSizeLessThanOrEqualTo(1);
        assertThat(second.total()).isEqualTo(all.total()).isPositive();
        if (all.total() > 1) {
            assertThat(second.tasks().get(0)).isEqualTo(all.tasks().get(1));
        }
        assertThat(inbox.inbox(AUDITOR, 0, 10).total()).isZero();
        assertThat(inbox.status(caseId, REVIEWER).stage()).isEqualTo(CaseStage.AWAITING_TRIAGE);
        assertThatThrownBy(() -> inbox.status(caseId, EDITOR)).isInstanceOf(CaseNotVisibleException.class);
        assertThatThrownBy(() -> inbox.status(caseId, AUDITOR)).isInstanceOf(CaseNotVisibleException.class);
        assertThatThrownBy(() -> work.claim(triage.taskId(), EDITOR)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.SendToEditor()))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("Claim the task");

        assertThat(work.claim(triage.taskId(), REVIEWER).claimedBy("rita")).isTrue();
        assertThatThrownBy(() -> work.claim(triage.taskId(), OTHER_REVIEWER))
                .isInstanceOf(TaskAlreadyClaimedException.class)
                .hasMessageContaining("rita");
        assertThatThrownBy(() -> work.completeTriage(triage.taskId(), OTHER_REVIEWER, new TriageDecision.Reject("no")))
                .isInstanceOf(NotPermittedException.class);
        work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.SendToEditor());
        assertThatThrownBy(() -> work.claim(triage.taskId(), REVIEWER)).isInstanceOf(TaskNotFoundException.class);

        InboxTask decision = awaitTask(EDITOR, caseId, TaskKind.EDITORIAL_DECISION);
        assertThat(inbox.status(caseId, EDITOR).stage()).isEqualTo(CaseStage.AWAITING_EDITORIAL_DECISION);
        assertThat(inbox.status(caseId, REVIEWER).triagedBy())
                .as("rita worked on it")
                .isEqualTo("rita");
        assertThatThrownBy(() -> work.decide(decision.taskId(), REVIEWER, new EditorialDecision.Publish()))
                .isInstanceOf(NotPermittedException.class);
        work.claim(decision.taskId(), EDITOR);
        work.decide(decision.taskId(), EDITOR, new EditorialDecision.Publish());

        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.status(caseId, EDITOR).stage() == CaseStage.PUBLISHED);
        CaseStatus done = inbox.status(caseId, EDITOR);
        assertThat(done.decidedBy()).isEqualTo("edna");
        assertThat(process(caseId).getEndActivityId()).isEqualTo("published");
        CaseFile file = inbox.open(caseId, EDITOR);
        String sha256 = file.documents().documents().get(0).sha256();
        assertThat(file.provenanceReport())
                .contains(sha256)
                .contains("Editorial decision by edna: Publish")
                .contains("Triage by rita: Send straight to an editor");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        work.writePublicationPackage(caseId, EDITOR, zip);
        assertThat(unzipReport(zip.toByteArray())).isEqualTo(file.provenanceReport());
        assertThat(actions(caseId))
                .startsWith(
                        IntakeAccessAction.SUBMISSION_RECEIVED,
                        IntakeAccessAction.METADATA_EXTRACTED,
                        WorkflowAccessAction.TASK_CLAIMED,
                        WorkflowAccessAction.TRIAGE_COMPLETED,
                        WorkflowAccessAction.TASK_CLAIMED,
                        WorkflowAccessAction.EDITORIAL_DECISION)
                .contains(
                        WorkflowAccessAction.PUBLICATION_PACKAGE_MADE,
                        WorkflowAccessAction.PUBLICATION_PACKAGE_DOWNLOADED);
    }

    @Test
    void verificationThroughOneTimeLinksThenAssessmentAndAFourEyesDecision() throws Exception {
        UUID caseId = submit(SharedFiles.corpus("testWORD.docx"));
        InboxTask triage = awaitTask(REVIEWING_EDITOR, caseId, TaskKind.TRIAGE);
        work.claim(triage.taskId(), REVIEWING_EDITOR);
        work.completeTriage(triage.taskId(), REVIEWING_EDITOR, new TriageDecision.RequestVerification());

        InboxTask prepare = inbox.status(caseId, REVIEWING_EDITOR).taskClaimedBy("alex");
        assertThat(prepare)
                .as("whoever asked for verification writes the requests")
                .isNotNull();
        UUID document = inbox.open(caseId, REVIEWING_EDITOR)
                .documents()
                .documents()
                .get(0)
                .fileId();
        assertThat(scrubbedCopies.make(caseId, document, "alex")).isInstanceOf(ScrubbedCopies.Made.class);
        assertThat(prepare.kind()).isEqualTo(TaskKind.PREPARE_VERIFICATION);
        Instant deadline = Instant.now().plus(Duration.ofDays(3));
        assertThatThrownBy(() -> work.sendVerificationRequests(prepare.taskId(), REVIEWING_EDITOR))
                .isInstanceOf(InvalidEntryException.class);
        work.addVerificationRequest(
                prepare.taskId(),
                REVIEWING_EDITOR,
                new VerificationRequestDraft(
                        "Border agency",
                        "Press office",
                        "Is page 3 genuine?",
                        Sharing.EXCERPT,
                        "Page 3: ...",
                        deadline));
        work.addVerificationRequest(
                prepare.taskId(),
                REVIEWING_EDITOR,
                new VerificationRequestDraft(
                        "Ministry",
                        "Desk officer",
                        "Is the letterhead yours?",
                        Sharing.SCRUBBED_COPIES,
                        null,
                        deadline));
        List<VerifierLink> links = work.sendVerificationRequests(prepare.taskId(), REVIEWING_EDITOR);
        assertThat(links).extracting(VerifierLink::organisation).containsExactly("Border agency", "Ministry");
        assertThat(links.get(0).token()).hasSizeGreaterThanOrEqualTo(22); // 128 bits or more, base64url
        assertThat(jdbc.sql("SELECT COUNT(*) FROM verification_request WHERE CAST(token_hash AS VARCHAR) LIKE ?")
                        .param("%" + links.get(0).token() + "%")
                        .query(Long.class)
                        .single())
                .as("only the token's hash is stored")
                .isZero();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.status(caseId, REVIEWING_EDITOR).stage() == CaseStage.AWAITING_VERIFICATION);

        VerifierQuestion question = verifiers.open(links.get(0).token()).orElseThrow();
        assertThat(question.question()).isEqualTo("Is page 3 genuine?");
        assertThat(question.excerpt()).isEqualTo("Page 3: ...");
        assertThat(question.toString()).doesNotContain(caseId.toString());
        verifiers.answer(links.get(0).token(), Verdict.CONFIRMED, "Genuine, our reference 12/4.");
        assertThat(verifiers.open(links.get(0).token())).as("a link works once").isEmpty();
        assertThatThrownBy(() -> verifiers.answer(links.get(0).token(), Verdict.DISPUTED, ""))
                .isInstanceOf(VerifierLinkGoneException.class);
        assertThat(verifiers.open("not-a-token")).isEmpty();
        assertThat(question.sharedCopies()).as("an excerpt shares no copy").isEmpty();
        assertThat(verifiers.open(links.get(1).token()).orElseThrow().sharedCopies())
                .singleElement()
                .asString()
                .startsWith("DOCX, ");
        ByteArrayOutputStream shared = new ByteArrayOutputStream();
        verifiers.writeSharedCopy(links.get(1).token(), 0, shared);
        assertThat(sha256(shared.toByteArray()))
                .isEqualTo(inbox.open(caseId, REVIEWING_EDITOR)
                        .documents()
                        .documents()
                        .get(0)
                        .scrubbedCopy()
                        .sha256());
        assertThatThrownBy(() -> verifiers.writeSharedCopy(links.get(0).token(), 0, new ByteArrayOutputStream()))
                .isInstanceOf(VerifierLinkGoneException.class);
        assertThatThrownBy(() -> work.recordAnswer(caseId, links.get(1).requestId(), EDITOR, Verdict.CONFIRMED, ""))
                .isInstanceOf(NotPermittedException.class);
        work.recordAnswer(caseId, links.get(1).requestId(), REVIEWING_EDITOR, Verdict.CONFIRMED, "by telephone");
        assertThat(verifiers.open(links.get(1).token()))
                .as("an answer recorded otherwise spends the link")
                .isEmpty();

        InboxTask assessment = awaitTask(ASSESSING_EDITOR, caseId, TaskKind.ASSESSMENT);
        work.claim(assessment.taskId(), ASSESSING_EDITOR);
        CaseFile file = inbox.open(caseId, ASSESSING_EDITOR);
        assertThat(file.tally().summary()).isEqualTo("2 of 2 confirmed, 0 disputed, 0 no answer");
        assertThat(file.requests())
                .extracting(request -> request.answer().recordedBy())
                .containsExactly("verifier", "alex");
        work.assess(assessment.taskId(), ASSESSING_EDITOR, Assessment.of(Recommendation.PUBLISH, "Both confirm."));

        InboxTask decision = awaitTask(EDITOR, caseId, TaskKind.EDITORIAL_DECISION);
        assertThat(inbox.inbox(REVIEWING_EDITOR))
                .noneMatch(task -> task.caseId().equals(caseId));
        assertThat(inbox.inbox(ASSESSING_EDITOR))
                .noneMatch(task -> task.caseId().equals(caseId));
        assertThat(inbox.status(caseId, ASSESSING_EDITOR).claimable()).isNull();
        assertThatThrownBy(() -> work.claim(decision.taskId(), REVIEWING_EDITOR))
                .isInstanceOf(FourEyesException.class);
        assertThatThrownBy(() -> work.claim(decision.taskId(), ASSESSING_EDITOR))
                .isInstanceOf(FourEyesException.class);
        work.claim(decision.taskId(), EDITOR);
        assertThatThrownBy(() -> work.decide(decision.taskId(), ASSESSING_EDITOR, new EditorialDecision.Publish()))
                .isInstanceOf(FourEyesException.class);
        work.decide(decision.taskId(), EDITOR, new EditorialDecision.Publish());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.status(caseId, EDITOR).stage() == CaseStage.PUBLISHED);
        assertThat(inbox.open(caseId, EDITOR).provenanceReport())
                .contains("2 of 2 confirmed, 0 disputed, 0 no answer")
                .contains("Border agency (Press office)")
                .contains("Confirmed")
                .contains("through their link")
                .contains("recorded by alex");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        work.writePublicationPackage(caseId, EDITOR, zip);
        assertThat(entries(zip.toByteArray())).containsExactly("provenance-report.txt", "scrubbed/document-1.docx");
    }

    @Test
    void aRequestWithoutAnswerIsRemindedAtHalfTimeAndRunsOutAtItsDeadline() throws Exception {
        UUID caseId = submit(SharedFiles.corpus("testWORD.docx"));
        InboxTask triage = awaitTask(REVIEWER, caseId, TaskKind.TRIAGE);
        work.claim(triage.taskId(), REVIEWER);
        work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.RequestVerification());
        InboxTask prepare = inbox.status(caseId, REVIEWER).taskClaimedBy("rita");
        Instant start = Instant.now();
        work.addVerificationRequest(
                prepare.taskId(),
                REVIEWER,
                new VerificationRequestDraft(
                        "Agency", "Office", "Genuine?", Sharing.NOTHING, null, start.plus(Duration.ofDays(2))));
        List<VerifierLink> links = work.sendVerificationRequests(prepare.taskId(), REVIEWER);

        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(1)).plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60)).until(() -> request(caseId).remindedAt() != null);
        assertThat(request(caseId).state()).isEqualTo(VerificationRequest.State.WAITING);
        ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(2)).plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> request(caseId).state() == VerificationRequest.State.NO_ANSWER);
        assertThat(verifiers.open(links.get(0).token()))
                .as("a link stops at the deadline")
                .isEmpty();
        InboxTask assessment = awaitTask(OTHER_REVIEWER, caseId, TaskKind.ASSESSMENT);
        assertThat(inbox.open(caseId, REVIEWER).tally().summary())
                .isEqualTo("0 of 1 confirmed, 0 disputed, 1 no answer");
        assertThat(actions(caseId))
                .contains(WorkflowAccessAction.VERIFICATION_REMINDER_DUE, WorkflowAccessAction.VERIFICATION_NO_ANSWER);
        assertThat(assessment.kind()).isEqualTo(TaskKind.ASSESSMENT);

        // The inbox marks the request that ran out, and filters and counts by it in the database.
        Instant deadline = start.plus(Duration.ofDays(2));
        InboxFilter claimable = new InboxFilter(InboxTab.CLAIMABLE, TaskKind.ASSESSMENT, false, null, InboxSort.DUE);
        InboxPage page = inbox.inbox(OTHER_REVIEWER, claimable, 0, InboxPage.MAX_PAGE_SIZE);
        InboxTask shown = page.tasks().stream()
                .filter(task -> task.caseId().equals(caseId))
                .findFirst()
                .orElseThrow();
        assertThat(shown.overdue()).isTrue();
        assertThat(shown.overdueRequests()).isEqualTo(1);
        assertThat(shown.due())
                .isCloseTo(deadline, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(page.tasks().get(0).due()).as("due first").isNotNull();
        assertThat(page.count(InboxTab.CLAIMABLE)).isEqualTo(page.total()).isPositive();
        assertThat(ids(OTHER_REVIEWER, claimable.on(InboxTab.ALL), deadline.plusSeconds(1)))
                .contains(caseId);
        assertThat(ids(OTHER_REVIEWER, claimable.on(InboxTab.ALL), deadline.minusSeconds(1)))
                .as("due after that date")
                .doesNotContain(caseId);
        assertThat(ids(
                        OTHER_REVIEWER,
                        new InboxFilter(InboxTab.ALL, TaskKind.TRIAGE, false, null, InboxSort.OLDEST),
                        null))
                .as("another stage")
                .doesNotContain(caseId);
        assertThat(ids(EDITOR, InboxFilter.everything(), null))
                .as("not an editor's")
                .doesNotContain(caseId);

        work.claim(assessment.taskId(), OTHER_REVIEWER);
        assertThat(ids(OTHER_REVIEWER, InboxFilter.everything().on(InboxTab.MINE), null))
                .contains(caseId);
        assertThat(ids(OTHER_REVIEWER, claimable, null)).doesNotContain(caseId);
        assertThat(ids(REVIEWER, InboxFilter.everything().on(InboxTab.MINE), null))
                .doesNotContain(caseId);
        assertThat(ids(REVIEWER, InboxFilter.everything(), null))
                .as("claimed by a colleague, still listed")
                .contains(caseId);
    }

    private List<UUID> ids(StaffMember member, InboxFilter filter, Instant dueBefore) {
        InboxFilter chosen = dueBefore == null
                ? filter
                : new InboxFilter(filter.tab(), filter.stage(), filter.withFindings(), dueBefore, filter.sort());
        return inbox.inbox(member, chosen, 0, InboxPage.MAX_PAGE_SIZE).tasks().stream()
                .map(InboxTask::caseId)
                .toList();
    }

    @Test
    void theInboxFindsCasesWithFindingsInTheDatabase() throws Exception {
        UUID withFindings = submit(SharedFiles.corpus("testWORD.docx"));
        awaitTask(REVIEWER, withFindings, TaskKind.TRIAGE);
        InboxFilter onlyFindings = new InboxFilter(InboxTab.ALL, null, true, null, InboxSort.NEWEST);

        InboxTask shown = inbox.inbox(REVIEWER, onlyFindings, 0, InboxPage.MAX_PAGE_SIZE).tasks().stream()
                .filter(task -> task.caseId().equals(withFindings))
                .findFirst()
                .orElseThrow();

        assertThat(shown.documentsWithFindings())
                .isEqualTo((int) inbox.open(withFindings, REVIEWER).documents().documents().stream()
                        .filter(d ->
                                d.metadata() != null && !d.metadata().findings().isEmpty())
                        .count())
                .isPositive();
        InboxPage all = inbox.inbox(REVIEWER, InboxFilter.everything(), 0, 1);
        InboxPage findings = inbox.inbox(REVIEWER, onlyFindings, 0, 1);
        assertThat(findings.total()).isLessThanOrEqualTo(all.total());
        assertThat(inbox.inbox(REVIEWER, onlyFindings, 0, InboxPage.MAX_PAGE_SIZE)
                        .tasks())
                .allMatch(task -> task.documentsWithFindings() > 0);
    }

    @Test
    void aRejectedCaseIsDestroyedAfterTheRetentionPeriod() throws Exception {
        UUID caseId = submit(SharedFiles.corpus("testWORD_truncated.docx"));
        InboxTask triage = awaitTask(REVIEWER, caseId, TaskKind.TRIAGE);
        assertThat(triage.documentsUnparseable()).isEqualTo(1);
        work.claim(triage.taskId(), REVIEWER);
        assertThatThrownBy(() -> work.completeTriage(
                        triage.taskId(), REVIEWER, TriageDecision.of(TriageDecision.Outcome.REJECT, " ")))
                .isInstanceOf(InvalidEntryException.class);
        work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.Reject("A known hoax."));

        CaseStatus rejected = inbox.status(caseId, REVIEWER);
        assertThat(rejected.stage()).isEqualTo(CaseStage.REJECTED);
        assertThat(rejected.destroyAt())
                .isBetween(
                        Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));
        assertThat(inbox.inbox(EDITOR)).noneMatch(task -> task.caseId().equals(caseId));
        assertThat(inbox.open(caseId, REVIEWER).decisions())
                .singleElement()
                .satisfies(d -> assertThat(d.note()).isEqualTo("A known hoax."));

        ClockUtil.setCurrentTime(Date.from(rejected.destroyAt().plusSeconds(60)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> inbox.status(caseId, REVIEWER).stage() == CaseStage.DESTROYED);
        assertThat(process(caseId).getEndActivityId()).isEqualTo("destroyed");
        assertThat(inbox.open(caseId, REVIEWER).documents()).isNull();
        assertThatThrownBy(() -> submissions.read(caseId, "rita")).isInstanceOf(SubmissionShreddedException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission_file WHERE submission_id = ? AND content_key IS NOT NULL")
                        .param(caseId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM review_record WHERE case_id = ? AND note_key IS NOT NULL")
                        .param(caseId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(actions(caseId)).contains(WorkflowAccessAction.CASE_DESTROYED);
    }

    private VerificationRequest request(UUID caseId) {
        return inbox.open(caseId, REVIEWER).requests().get(0);
    }

    private InboxTask awaitTask(StaffMember member, UUID caseId, TaskKind kind) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> inbox.inbox(member).stream()
                                .filter(task -> task.caseId().equals(caseId) && task.kind() == kind)
                                .findFirst()
                                .orElse(null),
                        task -> task != null);
    }

    private HistoricProcessInstance process(UUID caseId) {
        return history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.toString())
                .singleResult();
    }

    private List<AccessAction> actions(UUID caseId) {
        return accessLog.entries(new AccessLogQuery(null, null, caseId.toString(), 100)).stream()
                .sorted(java.util.Comparator.comparingLong(AccessLogEntry::sequence))
                .map(AccessLogEntry::action)
                .filter(action ->
                        action != WorkflowAccessAction.VERIFICATION_READ && action != IntakeAccessAction.CASE_VIEWED)
                .toList();
    }

    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String unzipReport(byte[] zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("provenance-report.txt");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private UUID submit(Path file) throws IOException {
        try (SubmissionDraft draft = intake.begin();
                InputStream in = Files.newInputStream(file)) {
            draft.addFile(file.getFileName().toString(), null, in);
            return draft.commit().submissionId();
        }
    }
}
