package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leakdesk.infra.testing.TestDatabase;

/**
 * Every path through {@code leak-review.bpmn}, on an engine of its own (PostgreSQL database
 * {@code leakdesk_test_engine}, job executor off, so each job runs when the test says so).
 * Extraction is stood in for by a recording delegate; the real one runs in
 * ReviewProcessIntegrationTest. The four-eyes listener is the real one.
 */
@Deployment(resources = "bpmn/leak-review.bpmn")
class LeakReviewProcessTest {

    @RegisterExtension
    static ProcessEngineExtension extension =
            ProcessEngineExtension.builder().useProcessEngine(engine()).build();

    private final List<String> extracted = new ArrayList<>();
    private int failuresToSimulate;

    @BeforeEach
    void registerDelegates() {
        BpmnAwareTests.init(extension.getProcessEngine());
        Mocks.register("extractMetadataStep", (JavaDelegate) execution -> {
            if (failuresToSimulate-- > 0) {
                throw new IllegalStateException("blob store unavailable");
            }
            extracted.add(execution.getProcessBusinessKey());
            execution.setVariable(ProcessVariables.DOCUMENTS_UNPARSEABLE, 0);
        });
        Mocks.register("fourEyesRule", new FourEyesRule());
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void aCaseRejectedAtTriageEndsThere() {
        ProcessInstance instance = start();

        assertThat(instance).isWaitingAt("extractMetadata");
        execute(job(instance));
        assertThat(instance).isWaitingAt("triage");
        assertThat(task(instance)).hasCandidateGroup("reviewer");
        complete(
                task(instance),
                withVariables(ProcessVariables.TRIAGE, "REJECT", ProcessVariables.TRIAGED_BY, "reviewer"));

        assertThat(instance).isEnded().hasPassed("rejectedAtTriage").hasNotPassed("editorialDecision");
        assertThat(extracted).containsExactly(instance.getBusinessKey());
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

        assertThat(instance).isEnded().hasPassed("triage", "editorialDecision", "published");
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
    void aFailedExtractionIsRetriedAndTheCaseGoesOn() {
        failuresToSimulate = 1;
        ProcessInstance instance = start();

        assertThatThrownBy(() -> execute(job(instance))).hasMessageContaining("blob store unavailable");
        assertThat(instance).isWaitingAt("extractMetadata");
        assertThat(job(instance).getRetries()).isEqualTo(4);
        assertThat(job(instance).getExceptionMessage()).contains("blob store unavailable");

        execute(job(instance));
        assertThat(instance).isWaitingAt("triage");
        assertThat(extracted).containsExactly(instance.getBusinessKey());
    }

    private ProcessInstance triagedBy(String reviewer) {
        ProcessInstance instance = start();
        execute(job(instance));
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

    private static ProcessEngine engine() {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("leak-review-process-test");
        configuration.setJdbcUrl(TestDatabase.jdbcUrl("leakdesk_test_engine"));
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(TestDatabase.user());
        configuration.setJdbcPassword(TestDatabase.password());
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        return configuration.buildProcessEngine();
    }
}
