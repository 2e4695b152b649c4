package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path through {@code leak-review.bpmn}, on an engine of its own (see {@link TestEngines}).
 * The test plays the extraction worker through the engine's external task API; the real worker
 * is tested in ExtractionWorkerTest and ReviewProcessIntegrationTest. The four-eyes listener is
 * the real one.
 */
@Deployment(resources = "bpmn/leak-review.bpmn")
class LeakReviewProcessTest {

    private static final String WORKER = "process-test-worker";
    private static final long LOCK = Duration.ofMinutes(5).toMillis();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
            .useProcessEngine(TestEngines.onTestDatabase("leak-review-process-test"))
            .build();

    @BeforeEach
    void registerDelegates() {
        BpmnAwareTests.init(extension.getProcessEngine());
        Mocks.register("fourEyesRule", new FourEyesRule());
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void aCaseRejectedAtTriageEndsThere() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt("extractMetadata");
        assertThat(externalTask(instance)).hasTopicName(ExtractionWorker.TOPIC);
        extract(instance, 2, 1);
        assertThat(instance).isWaitingAt("triage");
        assertThat(instance)
                .variables()
                .containsEntry(ProcessVariables.DOCUMENTS_EXTRACTED, 2)
                .containsEntry(ProcessVariables.DOCUMENTS_UNPARSEABLE, 1);
        assertThat(task(instance)).hasCandidateGroup("reviewer");
        complete(
                task(instance),
                withVariables(ProcessVariables.TRIAGE, "REJECT", ProcessVariables.TRIAGED_BY, "reviewer"));

        assertThat(instance).isEnded().hasPassed("rejectedAtTriage").hasNotPassed("editorialDecision");
    }

    @Test
    void aCaseSentToTheEditorIsPublished() {
        ProcessInstance instance = triagedBy("reviewer");

        assertThat(instance).isWaitingAt("editorialDecision");
        assertThat(task(instance)).hasCandidateGroup("editor");
        taskService().claim(task(instance).getId(), "editor");
        complete(
                task(instance),
                withVariables(ProcessVariables.DECISION, "PUBLISH", ProcessVariables.DECIDED_BY, "editor"));

        assertThat(instance).isEnded().hasPassed("extractMetadata", "triage", "editorialDecision", "published");
    }

    @Test
    void anEditorCanRejectACaseSentToThem() {
        ProcessInstance instance = triagedBy("reviewer");

        taskService().claim(task(instance).getId(), "editor");
        complete(
                task(instance),
                withVariables(ProcessVariables.DECISION, "REJECT", ProcessVariables.DECIDED_BY, "editor"));

        assertThat(instance).isEnded().hasPassed("rejectedByEditor").hasNotPassed("published");
    }

    @Test
    void theEngineRefusesTheDecisionToWhoeverTriaged() {
        ProcessInstance instance = triagedBy("alex");
        String decision = task(instance).getId();

        assertThatThrownBy(() -> taskService().claim(decision, "alex"))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(FourEyesRule.VIOLATION);
        assertThatThrownBy(() -> taskService().setAssignee(decision, "alex"))
                .hasMessageContaining(FourEyesRule.VIOLATION);
        assertThat(task(instance)).isNotAssigned();

        taskService().claim(decision, "sam");
        complete(
                task(instance),
                withVariables(ProcessVariables.DECISION, "PUBLISH", ProcessVariables.DECIDED_BY, "sam"));
        assertThat(instance).isEnded().hasPassed("published");
    }

    @Test
    void aFailedExtractionWaitsForItsRetryAndTheCaseGoesOn() {
        ProcessInstance instance = start();
        LockedExternalTask locked = lock(instance).get(0);

        externalTaskService()
                .handleFailure(
                        locked.getId(),
                        WORKER,
                        "java.io.UncheckedIOException",
                        4,
                        Duration.ofMinutes(1).toMillis());

        assertThat(instance).isWaitingAt("extractMetadata");
        assertThat(externalTask(instance).getRetries()).isEqualTo(4);
        assertThat(externalTask(instance).getErrorMessage()).isEqualTo("java.io.UncheckedIOException");
        assertThat(lock(instance)).as("not before the retry delay").isEmpty();
        ClockUtil.offset(Duration.ofMinutes(2).toMillis());
        extract(instance, 1, 0);
        assertThat(instance).isWaitingAt("triage");
    }

    @Test
    void anExtractionOutOfRetriesIsAnIncidentAndTheCaseStaysFindable() {
        ProcessInstance instance = start();
        LockedExternalTask locked = lock(instance).get(0);

        externalTaskService().handleFailure(locked.getId(), WORKER, "java.lang.IllegalStateException", 0, 0);

        assertThat(lock(instance))
                .as("a task without retries is not handed out")
                .isEmpty();
        Incident incident = runtimeService()
                .createIncidentQuery()
                .processInstanceId(instance.getId())
                .singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo("extractMetadata");
        assertThat(incident.getIncidentMessage()).isEqualTo("java.lang.IllegalStateException");
        assertThat(runtimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(instance.getBusinessKey())
                        .singleResult()
                        .getId())
                .isEqualTo(incident.getProcessInstanceId());
        assertThat(instance).isWaitingAt("extractMetadata");

        // What an operator does once the cause is fixed: give the task retries again.
        externalTaskService().setRetries(externalTask(instance).getId(), 1);
        assertThat(runtimeService()
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        extract(instance, 1, 0);
        assertThat(instance).isWaitingAt("triage");
    }

    /** Does what ExtractionWorker does on success: lock the case's task, complete it with the counts. */
    private void extract(ProcessInstance instance, int extracted, int unparseable) {
        List<LockedExternalTask> locked = lock(instance);
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).getBusinessKey()).isEqualTo(instance.getBusinessKey());
        externalTaskService()
                .complete(
                        locked.get(0).getId(),
                        WORKER,
                        Map.of(
                                ProcessVariables.DOCUMENTS_EXTRACTED, extracted,
                                ProcessVariables.DOCUMENTS_UNPARSEABLE, unparseable));
    }

    private List<LockedExternalTask> lock(ProcessInstance instance) {
        return externalTaskService()
                .fetchAndLock(1, WORKER)
                .topic(ExtractionWorker.TOPIC, LOCK)
                .businessKey(instance.getBusinessKey())
                .execute();
    }

    private ProcessInstance triagedBy(String reviewer) {
        ProcessInstance instance = start();
        extract(instance, 1, 0);
        taskService().claim(task(instance).getId(), reviewer);
        complete(
                task(instance),
                withVariables(ProcessVariables.TRIAGE, "SEND_TO_EDITOR", ProcessVariables.TRIAGED_BY, reviewer));
        return instance;
    }

    private ProcessInstance start() {
        String caseId = UUID.randomUUID().toString();
        return extension
                .getRuntimeService()
                .startProcessInstanceByKey(
                        ProcessVariables.PROCESS_KEY,
                        caseId,
                        Map.of(ProcessVariables.SUBMISSION_ID, caseId, ProcessVariables.FILE_COUNT, 1));
    }
}
