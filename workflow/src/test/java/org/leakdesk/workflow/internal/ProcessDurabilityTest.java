package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.TriageDecision;

/**
 * What survives: a verification round across an engine restart (its waits and timers are rows in
 * the database, nothing in memory), and running cases across the deployment of a changed BPMN
 * (they finish on the version they started on).
 */
class ProcessDurabilityTest {

    private static final String WORKER = "durability-test";

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final LeakReviewProcessTest.Schedule schedule = new LeakReviewProcessTest.Schedule();
    private final List<ProcessEngine> engines = new ArrayList<>();
    private final List<String> deployments = new CopyOnWriteArrayList<>();

    @BeforeEach
    void beans() {
        Mocks.register("fourEyesRule", new FourEyesRule(new LeakReviewProcessTest.GivenParticipants(Map.of())));
        Mocks.register("verificationSchedule", schedule);
        Mocks.register("verificationReminder", (org.camunda.bpm.engine.delegate.JavaDelegate)
                e -> ran.add("reminder " + e.getVariable(ProcessVariables.VERIFICATION_REQUEST_ID)));
        Mocks.register("verificationNoAnswer", (org.camunda.bpm.engine.delegate.JavaDelegate)
                e -> ran.add("no answer " + e.getVariable(ProcessVariables.VERIFICATION_REQUEST_ID)));
        Mocks.register("publicationPackager", (org.camunda.bpm.engine.delegate.JavaDelegate)
                e -> ran.add("package " + e.getProcessBusinessKey()));
        Mocks.register("caseShredder", (org.camunda.bpm.engine.delegate.JavaDelegate)
                e -> ran.add("shred " + e.getProcessBusinessKey()));
    }

    /** Leaves no case running in the shared engine database (other tests count what waits there). */
    @AfterEach
    void close() {
        ClockUtil.reset();
        Mocks.reset();
        if (!engines.isEmpty()) {
            deployments.forEach(id -> engines.get(0).getRepositoryService().deleteDeployment(id, true));
        }
        engines.forEach(ProcessEngine::close);
    }

    @Test
    void aVerificationRoundSurvivesARestartOfTheEngine() {
        ProcessEngine first = engine("durability-before-restart");
        deploy(first, model());
        ProcessInstance instance = atVerificationRequests(first);
        Instant sent = ClockUtil.getCurrentTime().toInstant();
        schedule.round(instance, sent, Duration.ofDays(2), "q1", "q2");
        first.getTaskService().complete(task(first, instance).getId());
        first.close();
        engines.remove(first);

        ProcessEngine second = engine("durability-after-restart");
        assertThat(second.getRuntimeService()
                        .createExecutionQuery()
                        .processInstanceId(instance.getId())
                        .activityId("awaitAnswer")
                        .count())
                .as("both waits are still there")
                .isEqualTo(2);
        assertThat(second.getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .timers()
                        .count())
                .as("a reminder and a deadline for each request")
                .isEqualTo(4);
        second.getRuntimeService()
                .createMessageCorrelation(ProcessVariables.ANSWER_MESSAGE)
                .processInstanceBusinessKey(instance.getBusinessKey())
                .localVariableEquals(ProcessVariables.ANSWERS_REQUEST, "q1")
                .correlateWithResult();
        ClockUtil.setCurrentTime(Date.from(sent.plus(Duration.ofDays(2)).plusSeconds(1)));
        runDueJobs(second, instance);

        assertThat(ran).containsExactlyInAnyOrder("reminder q2", "no answer q2");
        assertThat(task(second, instance).getTaskDefinitionKey()).isEqualTo("assessVerification");
    }

    @Test
    void runningCasesFinishOnTheVersionTheyStartedOn() {
        ProcessEngine engine = engine("durability-versions");
        String firstVersion = deploy(engine, model());
        ProcessInstance running = start(engine);
        extract(engine, running);

        BpmnModelInstance changed = model();
        changed.<UserTask>getModelElementById("triage").setName("Triage (changed)");
        String secondVersion = deploy(engine, changed);
        ProcessInstance fresh = start(engine);

        assertThat(firstVersion).isNotEqualTo(secondVersion);
        assertThat(running.getProcessDefinitionId()).isEqualTo(firstVersion);
        assertThat(fresh.getProcessDefinitionId()).isEqualTo(secondVersion);
        Task triage = task(engine, running);
        engine.getTaskService().claim(triage.getId(), "rita");
        engine.getTaskService()
                .complete(
                        triage.getId(),
                        Map.of(
                                ProcessVariables.TRIAGE,
                                new TriageDecision.SendToEditor().outcome().name()));
        Task decision = task(engine, running);
        engine.getTaskService().claim(decision.getId(), "edna");
        engine.getTaskService()
                .complete(
                        decision.getId(),
                        Map.of(
                                ProcessVariables.DECISION,
                                new EditorialDecision.Publish().outcome().name()));
        runDueJobs(engine, running);

        assertThat(engine.getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(running.getId())
                        .singleResult())
                .satisfies(done -> {
                    assertThat(done.getEndActivityId()).isEqualTo("published");
                    assertThat(done.getProcessDefinitionId()).isEqualTo(firstVersion);
                });
    }

    private ProcessEngine engine(String name) {
        ProcessEngine engine = TestEngines.onTestDatabase(name);
        engines.add(engine);
        return engine;
    }

    private static BpmnModelInstance model() {
        InputStream bpmn = ProcessDurabilityTest.class.getResourceAsStream("/bpmn/leak-review.bpmn");
        return Bpmn.readModelFromStream(bpmn);
    }

    private String deploy(ProcessEngine engine, BpmnModelInstance model) {
        String deployment = engine.getRepositoryService()
                .createDeployment()
                .addModelInstance("leak-review.bpmn", model)
                .deploy()
                .getId();
        deployments.add(deployment);
        return engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .deploymentId(deployment)
                .singleResult()
                .getId();
    }

    private ProcessInstance atVerificationRequests(ProcessEngine engine) {
        ProcessInstance instance = start(engine);
        extract(engine, instance);
        Task triage = task(engine, instance);
        engine.getTaskService().claim(triage.getId(), "rita");
        engine.getTaskService()
                .complete(
                        triage.getId(),
                        Map.of(
                                ProcessVariables.TRIAGE,
                                new TriageDecision.RequestVerification()
                                        .outcome()
                                        .name()));
        return instance;
    }

    private static ProcessInstance start(ProcessEngine engine) {
        String caseId = UUID.randomUUID().toString();
        ProcessInstance instance = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        ProcessVariables.PROCESS_KEY, caseId, Map.of(ProcessVariables.SUBMISSION_ID, caseId));
        return instance;
    }

    private static void extract(ProcessEngine engine, ProcessInstance instance) {
        List<LockedExternalTask> locked = engine.getExternalTaskService()
                .fetchAndLock(1, WORKER)
                .topic(ExtractionWorker.TOPIC, 60_000)
                .businessKey(instance.getBusinessKey())
                .execute();
        engine.getExternalTaskService()
                .complete(locked.get(0).getId(), WORKER, Map.of(ProcessVariables.DOCUMENTS_UNPARSEABLE, 0));
    }

    private static Task task(ProcessEngine engine, ProcessInstance instance) {
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instance.getId())
                .singleResult();
    }

    private static void runDueJobs(ProcessEngine engine, ProcessInstance instance) {
        for (List<Job> due = dueJobs(engine, instance); !due.isEmpty(); due = dueJobs(engine, instance)) {
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    private static List<Job> dueJobs(ProcessEngine engine, ProcessInstance instance) {
        return engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .executable()
                .list();
    }
}
