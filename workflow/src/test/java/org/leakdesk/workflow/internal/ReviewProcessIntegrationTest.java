package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.FourEyesException;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.TaskAlreadyClaimedException;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TaskNotFoundException;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.beans.factory.annotation.Autowired;

/** The real process in the Spring engine: real extraction by the extraction worker, real checks. */
@WorkflowBootTest
class ReviewProcessIntegrationTest {

    private static final StaffMember REVIEWER = new StaffMember("rita", Set.of(StaffRole.REVIEWER));
    private static final StaffMember OTHER_REVIEWER = new StaffMember("ravi", Set.of(StaffRole.REVIEWER));
    private static final StaffMember EDITOR = new StaffMember("edna", Set.of(StaffRole.EDITOR));
    private static final StaffMember REVIEWING_EDITOR =
            new StaffMember("alex", Set.of(StaffRole.REVIEWER, StaffRole.EDITOR));
    private static final StaffMember AUDITOR = new StaffMember("aud", Set.of(StaffRole.AUDITOR));

    @Autowired
    SubmissionIntake intake;

    @Autowired
    CaseWork work;

    @Autowired
    AccessLog accessLog;

    @Autowired
    HistoryService history;

    @Test
    void aSubmissionTravelsFromTriageToPublication() throws Exception {
        UUID caseId = submit(SharedFiles.sample(SharedFiles.PORAVALIT));
        InboxTask triage = awaitTask(REVIEWER, caseId, TaskKind.TRIAGE);

        assertThat(triage.documents()).isEqualTo(1);
        assertThat(triage.unclaimed()).isTrue();
        assertThat(work.status(caseId, REVIEWER).stage()).isEqualTo(CaseStage.AWAITING_TRIAGE);
        assertThatThrownBy(() -> work.status(caseId, EDITOR)).isInstanceOf(CaseNotVisibleException.class);
        assertThatThrownBy(() -> work.status(caseId, AUDITOR)).isInstanceOf(CaseNotVisibleException.class);
        assertThatThrownBy(() -> work.claim(triage.taskId(), EDITOR)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.SendToEditor()))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("Claim the task");

        assertThat(work.claim(triage.taskId(), REVIEWER).claimedBy("rita")).isTrue();
        assertThatThrownBy(() -> work.claim(triage.taskId(), OTHER_REVIEWER))
                .isInstanceOf(TaskAlreadyClaimedException.class)
                .hasMessageContaining("rita");
        assertThatThrownBy(() -> work.completeTriage(triage.taskId(), OTHER_REVIEWER, new TriageDecision.Reject()))
                .isInstanceOf(NotPermittedException.class);
        work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.SendToEditor());
        assertThatThrownBy(() -> work.claim(triage.taskId(), REVIEWER)).isInstanceOf(TaskNotFoundException.class);

        InboxTask decision = awaitTask(EDITOR, caseId, TaskKind.EDITORIAL_DECISION);
        assertThat(work.status(caseId, EDITOR).stage()).isEqualTo(CaseStage.AWAITING_EDITORIAL_DECISION);
        assertThat(work.status(caseId, REVIEWER).triagedBy())
                .as("rita worked on it")
                .isEqualTo("rita");
        assertThatThrownBy(() -> work.decide(decision.taskId(), REVIEWER, new EditorialDecision.Publish()))
                .isInstanceOf(NotPermittedException.class);
        work.claim(decision.taskId(), EDITOR);
        work.decide(decision.taskId(), EDITOR, new EditorialDecision.Publish());

        CaseStatus done = work.status(caseId, EDITOR);
        assertThat(done.stage()).isEqualTo(CaseStage.PUBLISHED);
        assertThat(done.decidedBy()).isEqualTo("edna");
        assertThat(process(caseId).getEndActivityId()).isEqualTo("published");
        assertThat(actions(caseId))
                .containsExactly(
                        IntakeAccessAction.SUBMISSION_RECEIVED,
                        IntakeAccessAction.METADATA_EXTRACTED,
                        WorkflowAccessAction.TASK_CLAIMED,
                        WorkflowAccessAction.TRIAGE_COMPLETED,
                        WorkflowAccessAction.TASK_CLAIMED,
                        WorkflowAccessAction.EDITORIAL_DECISION);
    }

    @Test
    void whoeverTriagedCannotTakeTheEditorialDecision() throws Exception {
        UUID caseId = submit(SharedFiles.corpus("testWORD.docx"));
        InboxTask triage = awaitTask(REVIEWING_EDITOR, caseId, TaskKind.TRIAGE);
        work.claim(triage.taskId(), REVIEWING_EDITOR);
        work.completeTriage(triage.taskId(), REVIEWING_EDITOR, new TriageDecision.SendToEditor());

        InboxTask decision = awaitTask(EDITOR, caseId, TaskKind.EDITORIAL_DECISION);
        assertThat(work.inbox(REVIEWING_EDITOR)).noneMatch(task -> task.caseId().equals(caseId));
        assertThatThrownBy(() -> work.claim(decision.taskId(), REVIEWING_EDITOR))
                .isInstanceOf(FourEyesException.class);
        work.claim(decision.taskId(), EDITOR);
        assertThatThrownBy(() -> work.decide(decision.taskId(), REVIEWING_EDITOR, new EditorialDecision.Publish()))
                .isInstanceOf(FourEyesException.class);

        work.decide(decision.taskId(), EDITOR, new EditorialDecision.Reject());
        assertThat(work.status(caseId, REVIEWING_EDITOR).stage()).isEqualTo(CaseStage.REJECTED);
        assertThat(process(caseId).getEndActivityId()).isEqualTo("rejectedByEditor");
    }

    @Test
    void aCaseRejectedAtTriageEnds() throws Exception {
        UUID caseId = submit(SharedFiles.corpus("testWORD_truncated.docx"));
        InboxTask triage = awaitTask(REVIEWER, caseId, TaskKind.TRIAGE);

        assertThat(triage.documentsUnparseable()).isEqualTo(1);
        work.claim(triage.taskId(), REVIEWER);
        work.completeTriage(triage.taskId(), REVIEWER, new TriageDecision.Reject());

        assertThat(work.status(caseId, REVIEWER).stage()).isEqualTo(CaseStage.REJECTED);
        assertThat(process(caseId).getEndActivityId()).isEqualTo("rejectedAtTriage");
        assertThat(work.inbox(EDITOR)).noneMatch(task -> task.caseId().equals(caseId));
    }

    private InboxTask awaitTask(StaffMember member, UUID caseId, TaskKind kind) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> work.inbox(member).stream()
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
                .toList();
    }

    private UUID submit(Path file) throws IOException {
        try (SubmissionDraft draft = intake.begin();
                InputStream in = Files.newInputStream(file)) {
            draft.addFile(file.getFileName().toString(), null, in);
            return draft.commit().submissionId();
        }
    }
}
