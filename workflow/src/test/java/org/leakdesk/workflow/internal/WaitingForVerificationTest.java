package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.CurrentStep;
import org.leakdesk.workflow.InboxFilter;
import org.leakdesk.workflow.InboxPage;
import org.leakdesk.workflow.InboxSort;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.leakdesk.workflow.VerifierLink;
import org.leakdesk.workflow.WaitingCase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cases waiting for outside verification (no task open) on PostgreSQL: the inbox's tab that lists
 * them for every reviewer, who may open them; and where in the process diagram a case stands.
 */
@WorkflowBootTest
class WaitingForVerificationTest {

    private static final StaffMember SENDER = new StaffMember("wanda", Set.of(StaffRole.REVIEWER));
    private static final StaffMember COLLEAGUE = new StaffMember("walt", Set.of(StaffRole.REVIEWER));
    private static final StaffMember EDITOR = new StaffMember("wes", Set.of(StaffRole.EDITOR));
    private static final InboxFilter WAITING = new InboxFilter(InboxTab.WAITING, null, false, null, InboxSort.DUE);

    @Autowired
    SubmissionIntake intake;

    @Autowired
    CaseWork work;

    @Autowired
    CaseInbox inbox;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void everyReviewerSeesCasesWaitingForAnswersSoonestDeadlineFirstAndMayOpenThem() throws Exception {
        Instant now = Instant.now();
        UUID later = submit();
        UUID sooner = submit();
        InboxTask triage = awaitTask(later, TaskKind.TRIAGE);
        assertThat(inbox.status(later, SENDER).currentSteps()).containsExactly(new CurrentStep("triage", "Triage", 1));
        awaitTask(sooner, TaskKind.TRIAGE);
        List<VerifierLink> laterLinks = sendRequests(
                later,
                triage,
                now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(5)),
                now.plus(Duration.ofDays(6)));
        sendRequests(sooner, awaitTask(sooner, TaskKind.TRIAGE), now.plus(Duration.ofHours(12)));

        assertThat(inbox.inbox(COLLEAGUE, InboxFilter.everything(), 0, InboxPage.MAX_PAGE_SIZE)
                        .tasks())
                .as("no task on either case")
                .noneMatch(task -> task.caseId().equals(later) || task.caseId().equals(sooner));
        InboxPage page = inbox.inbox(COLLEAGUE, WAITING, 0, InboxPage.MAX_PAGE_SIZE);
        assertThat(page.tasks()).isEmpty();
        assertThat(ids(page)).containsSubsequence(sooner, later);
        assertThat(page.total())
                .isEqualTo(page.count(InboxTab.WAITING))
                .isEqualTo(page.waiting().size());
        WaitingCase shown = find(page, later);
        assertThat(shown.requests()).isEqualTo(3);
        assertThat(shown.answered()).isZero();
        assertThat(shown.outstanding()).isEqualTo(3);
        assertThat(shown.overdue()).isZero();
        assertThat(shown.round()).isEqualTo(1);
        assertThat(shown.documents()).isEqualTo(1);
        assertThat(shown.due()).isBetween(now.plus(Duration.ofDays(1)).minusSeconds(1), now.plus(Duration.ofDays(2)));

        InboxPage second = inbox.inbox(COLLEAGUE, WAITING, 1, 1);
        assertThat(second.waiting()).hasSize(1);
        assertThat(second.total()).isEqualTo(page.total());
        assertThat(second.waiting().get(0)).isEqualTo(page.waiting().get(1));
        assertThat(inbox.inbox(COLLEAGUE, WAITING.on(InboxTab.ALL), 0, 1).count(InboxTab.WAITING))
                .as("counted on every tab")
                .isEqualTo(page.total());
        assertThat(inbox.inbox(
                                COLLEAGUE,
                                new InboxFilter(InboxTab.WAITING, TaskKind.TRIAGE, false, null, InboxSort.DUE),
                                0,
                                10)
                        .waiting())
                .as("a stage names a kind of task, which these cases have none of")
                .isEmpty();
        assertThat(ids(inbox.inbox(
                        COLLEAGUE,
                        new InboxFilter(InboxTab.WAITING, null, false, now.plus(Duration.ofDays(1)), InboxSort.DUE),
                        0,
                        InboxPage.MAX_PAGE_SIZE)))
                .as("due before tomorrow")
                .contains(sooner)
                .doesNotContain(later);
        InboxPage editors = inbox.inbox(EDITOR, WAITING, 0, InboxPage.MAX_PAGE_SIZE);
        assertThat(editors.waiting()).isEmpty();
        assertThat(editors.count(InboxTab.WAITING)).isZero();

        CaseStatus status = inbox.status(later, COLLEAGUE);
        assertThat(status.stage()).isEqualTo(CaseStage.AWAITING_VERIFICATION);
        assertThat(status.currentSteps()).containsExactly(new CurrentStep("awaitAnswer", "Wait for the answer", 3));
        assertThat(inbox.open(later, COLLEAGUE).requests()).hasSize(3);
        assertThatThrownBy(() -> inbox.status(later, EDITOR)).isInstanceOf(CaseNotVisibleException.class);
        String xml = inbox.processDiagram(status.processDefinitionId());
        assertThat(xml).contains("id=\"awaitAnswer\"").contains("bpmnElement=\"awaitAnswer\"");
        assertThatThrownBy(() -> inbox.processDiagram("no-such-definition"))
                .isInstanceOf(IllegalArgumentException.class);

        work.recordAnswer(later, laterLinks.get(1).requestId(), COLLEAGUE, Verdict.CONFIRMED, "by telephone");
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(2))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> find(inbox.inbox(COLLEAGUE, WAITING, 0, InboxPage.MAX_PAGE_SIZE), later)
                                .overdue()
                        == 1);
        WaitingCase overdue = find(inbox.inbox(COLLEAGUE, WAITING, 0, InboxPage.MAX_PAGE_SIZE), later);
        assertThat(overdue.anyOverdue()).isTrue();
        assertThat(overdue.answered()).isEqualTo(1);
        assertThat(overdue.outstanding()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(inbox.status(later, COLLEAGUE).currentSteps())
                        .as("one party answered, one ran out: one still awaited")
                        .containsExactly(new CurrentStep("awaitAnswer", "Wait for the answer", 1)));

        work.recordAnswer(later, laterLinks.get(2).requestId(), COLLEAGUE, Verdict.DISPUTED, "letter");
        awaitTask(later, TaskKind.ASSESSMENT);
        assertThat(ids(inbox.inbox(COLLEAGUE, WAITING, 0, InboxPage.MAX_PAGE_SIZE)))
                .as("answered or run out: the case has its assessment task now")
                .doesNotContain(later);
        assertThat(inbox.status(later, COLLEAGUE).currentSteps())
                .containsExactly(new CurrentStep("assessVerification", "Assess the verification", 1));
    }

    private List<VerifierLink> sendRequests(UUID caseId, InboxTask triage, Instant... deadlines) {
        work.claim(triage.taskId(), SENDER);
        work.completeTriage(triage.taskId(), SENDER, new TriageDecision.RequestVerification());
        InboxTask prepare = inbox.status(caseId, SENDER).taskClaimedBy(SENDER.username());
        for (int i = 0; i < deadlines.length; i++) {
            work.addVerificationRequest(
                    prepare.taskId(),
                    SENDER,
                    new VerificationRequestDraft(
                            "Agency " + i, "Press office", "Genuine?", Sharing.NOTHING, null, deadlines[i]));
        }
        return work.sendVerificationRequests(prepare.taskId(), SENDER);
    }

    private static List<UUID> ids(InboxPage page) {
        return page.waiting().stream().map(WaitingCase::caseId).toList();
    }

    private static WaitingCase find(InboxPage page, UUID caseId) {
        return page.waiting().stream()
                .filter(shown -> shown.caseId().equals(caseId))
                .findFirst()
                .orElseThrow();
    }

    private InboxTask awaitTask(UUID caseId, TaskKind kind) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> inbox.inbox(COLLEAGUE).stream()
                                .filter(task -> task.caseId().equals(caseId) && task.kind() == kind)
                                .findFirst()
                                .orElse(null),
                        task -> task != null);
    }

    private UUID submit() throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(
                    "memo.txt",
                    "text/plain",
                    new ByteArrayInputStream("a memo about the plan".getBytes(StandardCharsets.UTF_8)));
            return draft.commit().submissionId();
        }
    }
}
