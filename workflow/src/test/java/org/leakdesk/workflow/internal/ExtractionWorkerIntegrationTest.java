package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.StuckStep;
import org.leakdesk.workflow.StuckSteps;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The extraction worker in the application: its threads take the task, the real intake extraction
 * runs with no transaction open, and a failing extraction is retried until it is an incident.
 */
@WorkflowBootTest
class ExtractionWorkerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ObservedExtraction extraction;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    ExternalTaskService externalTasks;

    @Autowired
    HistoryService history;

    @Autowired
    StuckSteps stuckSteps;

    @Autowired
    CaseInbox inbox;

    @Autowired
    AccessLog accessLog;

    private static final StaffMember ADMIN = new StaffMember("root", Set.of(StaffRole.ADMIN));
    private static final StaffMember REVIEWER = new StaffMember("rita", Set.of(StaffRole.REVIEWER));
    private static final StaffMember AUDITOR = new StaffMember("aud", Set.of(StaffRole.AUDITOR));

    @Test
    void theWorkerExtractsOutsideAnyTransactionAndTheCaseReachesTriage() throws Exception {
        UUID caseId = submit("memo.txt", "an internal memo");

        await().atMost(PATIENCE).until(() -> waitingAt(caseId).contains("triage"));

        assertThat(extraction.transactionOpenAt(caseId)).contains(false);
        assertThat(variables(caseId)).containsEntry(ProcessVariables.DOCUMENTS_UNPARSEABLE, 0);
        assertThat(extraction.attempts(caseId)).isEqualTo(1);
        String instanceId = processInstanceId(caseId);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(instanceId)
                        .activityId("extractMetadata")
                        .finished()
                        .count())
                .as("history keeps the steps a case went through")
                .isOne();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(instanceId)
                        .count())
                .as("and no copy of its variables")
                .isZero();
    }

    @Test
    void aFailingExtractionIsRetriedThenBecomesAnIncidentWithoutItsMessage() {
        UUID caseId = UUID.randomUUID();
        extraction.failFor(caseId, new IllegalStateException("quotes the memo: the minister knew"));
        ProcessInstance instance = runtime.startProcessInstanceByKey(
                ProcessVariables.PROCESS_KEY,
                caseId.toString(),
                Map.of(ProcessVariables.SUBMISSION_ID, caseId.toString()));

        Incident incident = await().atMost(PATIENCE)
                .until(
                        () -> runtime.createIncidentQuery()
                                .processInstanceId(instance.getId())
                                .singleResult(),
                        found -> found != null);

        assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo("extractMetadata");
        assertThat(incident.getIncidentMessage()).isEqualTo("java.lang.IllegalStateException");
        assertThat(extraction.attempts(caseId)).as("five attempts by default").isEqualTo(5);
        ExternalTask failed = externalTasks
                .createExternalTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        assertThat(failed.getRetries()).isZero();
        assertThat(failed.getErrorMessage()).as("reported by class alone").isEqualTo("java.lang.IllegalStateException");
        assertThat(externalTasks.getExternalTaskErrorDetails(failed.getId()))
                .as("no stack trace, which could quote the document")
                .isNull();
        assertThat(waitingAt(caseId)).containsExactly("extractMetadata");
        assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).count())
                .isZero();
    }

    @Test
    void aStuckExtractionIsListedForAdministratorsAndRunsAgainWhenOneRetriesIt() throws Exception {
        UUID caseId = submit("memo.txt", "an internal memo");
        extraction.failFor(caseId, new java.io.UncheckedIOException(new java.io.IOException("disk full")));
        StuckStep stuck = await().atMost(PATIENCE)
                .until(
                        () -> stuckSteps.list(ADMIN).stream()
                                .filter(step -> step.caseId().equals(caseId))
                                .findFirst()
                                .orElse(null),
                        found -> found != null);

        assertThat(stuck.step()).isEqualTo("Extract metadata");
        assertThat(stuck.failure()).isEqualTo("java.io.UncheckedIOException");
        assertThat(inbox.stuck(REVIEWER)).as("the desk still sees the case").contains(stuck);
        assertThat(inbox.stuck(AUDITOR)).isEmpty();
        assertThatThrownBy(() -> stuckSteps.list(REVIEWER)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> stuckSteps.retry(stuck.incidentId(), REVIEWER))
                .isInstanceOf(NotPermittedException.class);

        extraction.recover(caseId);
        stuckSteps.retry(stuck.incidentId(), ADMIN);

        await().atMost(PATIENCE).until(() -> waitingAt(caseId).contains("triage"));
        assertThat(stuckSteps.list(ADMIN)).noneMatch(step -> step.caseId().equals(caseId));
        assertThat(accessLog.entries(
                        new AccessLogQuery("root", WorkflowAccessAction.STEP_RETRIED, caseId.toString(), 10)))
                .singleElement()
                .satisfies(entry -> assertThat(entry.detail()).isEqualTo("extractMetadata"));
    }

    private List<String> waitingAt(UUID caseId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.toString())
                .singleResult();
        return instance == null ? List.of() : runtime.getActiveActivityIds(instance.getId());
    }

    private Map<String, Object> variables(UUID caseId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.toString())
                .singleResult();
        return runtime.getVariables(instance.getId());
    }

    private String processInstanceId(UUID caseId) {
        return history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(caseId.toString())
                .singleResult()
                .getId();
    }

    private UUID submit(String name, String content) throws Exception {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(name, "text/plain", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
            return draft.commit().submissionId();
        }
    }
}
