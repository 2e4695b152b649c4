package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.TriageDecision;

/**
 * Every path through {@code leak-review.bpmn}, on an engine of its own (see {@link TestEngines}),
 * with timers driven by the engine clock; the coverage extension fails the class unless every
 * flow node and sequence flow was passed. The test plays the extraction worker through the
 * external task API and stands in for the service tasks' beans; the four-eyes listener is the
 * real one over participants the test sets.
 */
@Deployment(resources = "bpmn/leak-review.bpmn")
class LeakReviewProcessTest {

    private static final String WORKER = "process-test-worker";
    private static final long LOCK = Duration.ofMinutes(5).toMillis();

    @RegisterExtension
    static ProcessEngineCoverageExtension extension = (ProcessEngineCoverageExtension)
            ProcessEngineCoverageExtension.builder(TestEngines.withCoverage("leak-review-process-test"))
                    .assertClassCoverageAtLeast(1.0)
                    .build();

    private final Schedule schedule = new Schedule();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final Map<String, ReviewCases.Participants> participants = new HashMap<>();

    @BeforeEach
    void registerBeans() {
        BpmnAwareTests.init(extension.getProcessEngine());
        Mocks.register("fourEyesRule", new FourEyesRule(new GivenParticipants(participants)));
        Mocks.register("verificationSchedule", schedule);
        Mocks.register("verificationReminder", recording("reminder"));
        Mocks.register("verificationNoAnswer", recording("no answer"));
        Mocks.register("publicationPackager", recording("package"));
        Mocks.register("caseShredder", recording("shred"));
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void aCaseRejectedAtTriageIsDestroyedAfterTheRetentionPeriod() {
        ProcessInstance instance = start();
        assertThat(instance).isWaitingAt("extractMetadata");
        assertThat(externalTask(instance)).hasTopicName(ExtractionWorker.TOPIC);
        extract(instance, 1);
        assertThat(instance).variables().containsEntry(ProcessVariables.DOCUMENTS_UNPARSEABLE, 1);
        assertThat(task(instance)).hasCandidateGroup("reviewer");
        Instant destroyAt = now().plus(Duration.ofDays(90));

        complete(
                task(instance),
                withVariables(
                        ProcessVariables.TRIAGE,
                        new TriageDecision.Reject("a hoax").outcome().name(),
                        ProcessVariables.DESTROY_AT,
                        Date.from(destroyAt)));

        assertThat(instance).isWaitingAt("retentionPeriod");
        assertThat(dueJobs(instance))
                .as("nothing is due before the retention period ends")
                .isEmpty();
        ClockUtil.setCurrentTime(Date.from(destroyAt.plusSeconds(1)));
        runDueJobs(instance);
        assertThat(ran).containsExactly("shred " + instance.getBusinessKey());
        assertThat(instance).isEnded().hasPassed("shredCase").hasNotPassed("editorialDecision");
    }

    @Test
    void aCaseSentStraightToTheEditorIsPublishedWithItsPackage() {
        ProcessInstance instance = triaged(new TriageDecision.SendToEditor());
        assertThat(instance).isWaitingAt("editorialDecision");
        assertThat(task(instance)).hasCandidateGroup("editor");
        taskService().claim(task(instance).getId(), "edna");

        complete(task(instance), decision(new EditorialDecision.Publish()));

        assertThat(instance).isWaitingAt("preparePublicationPackage");
        runDueJobs(instance);
        assertThat(ran).containsExactly("package " + instance.getBusinessKey());
        assertThat(instance).isEnded().hasPassed("published");
    }

    @Test
    void verificationRunsInParallelWithRemindersDeadlinesAndASecondRoundThenHoldAndReject() {
        ProcessInstance instance = triaged(new TriageDecision.RequestVerification());
        assertThat(instance).isWaitingAt("prepareVerification");
        Instant sent = now();
        schedule.round(instance, sent, Duration.ofDays(2), "r1", "r2", "r3");
        complete(task(instance));

        assertThat(instance).isWaitingAt("awaitAnswer");
        assertThat(runtimeService()
                        .createExecutionQuery()
                        .processInstanceId(instance.getId())
                        .activityId("awaitAnswer")
                        .count())
                .isEqualTo(3);
        answer(instance, "r1");
        ClockUtil.setCurrentTime(Date.from(sent.plus(Duration.ofDays(1)).plusSeconds(1)));
        runDueJobs(instance);
        assertThat(ran).containsExactlyInAnyOrder("reminder r2", "reminder r3");
        answer(instance, "r2");
        assertThat(instance).isWaitingAt("awaitAnswer");
        ClockUtil.setCurrentTime(Date.from(sent.plus(Duration.ofDays(2)).plusSeconds(1)));
        runDueJobs(instance);
        assertThat(ran).contains("no answer r3");

        assertThat(instance).isWaitingAt("assessVerification").hasPassed("answered", "reminderRecorded", "noAnswer");
        assertThat(task(instance)).hasCandidateGroup("reviewer");
        taskService().claim(task(instance).getId(), "rita");
        complete(task(instance));
        assertThat(instance).isWaitingAt("editorialDecision");

        taskService().claim(task(instance).getId(), "edna");
        complete(task(instance), decision(new EditorialDecision.MoreVerification("ask the ministry")));
        assertThat(instance).isWaitingAt("prepareVerification");
        schedule.round(instance, now(), Duration.ofDays(2), "r4");
        complete(task(instance));
        answer(instance, "r4");
        taskService().claim(task(instance).getId(), "rita");
        complete(task(instance));

        taskService().claim(task(instance).getId(), "edna");
        Instant holdUntil = now().plus(Duration.ofDays(7));
        complete(
                task(instance),
                withVariables(
                        ProcessVariables.DECISION,
                        EditorialDecision.Outcome.HOLD.name(),
                        ProcessVariables.HOLD_UNTIL,
                        Date.from(holdUntil)));
        assertThat(instance).isWaitingAt("holdUntil");
        ClockUtil.setCurrentTime(Date.from(holdUntil.plusSeconds(1)));
        runDueJobs(instance);
        assertThat(instance).isWaitingAt("editorialDecision");

        taskService().claim(task(instance).getId(), "edna");
        complete(
                task(instance),
                withVariables(
                        ProcessVariables.DECISION,
                        new EditorialDecision.Reject("not strong enough")
                                .outcome()
                                .name(),
                        ProcessVariables.DESTROY_AT,
                        Date.from(now().plus(Duration.ofDays(90)))));
        assertThat(instance).isWaitingAt("retentionPeriod");
    }

    @Test
    void theEngineRefusesTheDecisionToWhoeverTriagedOrAssessed() {
        ProcessInstance instance = triaged(new TriageDecision.SendToEditor());
        participants.put(
                instance.getBusinessKey(),
                new ReviewCases.Participants(
                        Map.of(ReviewCases.Part.TRIAGE, Set.of("rita"), ReviewCases.Part.ASSESSMENT, Set.of("alex"))));

        assertThatThrownBy(() -> taskService().claim(task(instance).getId(), "rita"))
                .matches(FourEyesRule::refused);
        assertThatThrownBy(() -> taskService().claim(task(instance).getId(), "alex"))
                .matches(FourEyesRule::refused);
        taskService().claim(task(instance).getId(), "edna");
        assertThat(instance).isWaitingAt("editorialDecision");
        assertThat(task(instance)).isAssignedTo("edna");
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
        extract(instance, 0);
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
        assertThat(instance).isWaitingAt("extractMetadata");

        // What an administrator's "retry" does once the cause is fixed: give the task retries again.
        externalTaskService().setRetries(externalTask(instance).getId(), 1);
        assertThat(runtimeService()
                        .createIncidentQuery()
                        .processInstanceId(instance.getId())
                        .count())
                .isZero();
        extract(instance, 0);
        assertThat(instance).isWaitingAt("triage");
    }

    private void answer(ProcessInstance instance, String requestId) {
        runtimeService()
                .createMessageCorrelation(ProcessVariables.ANSWER_MESSAGE)
                .processInstanceBusinessKey(instance.getBusinessKey())
                .localVariableEquals(ProcessVariables.ANSWERS_REQUEST, requestId)
                .correlateWithResult();
    }

    private static Map<String, Object> decision(EditorialDecision decision) {
        return withVariables(ProcessVariables.DECISION, decision.outcome().name());
    }

    private ProcessInstance triaged(TriageDecision decision) {
        ProcessInstance instance = start();
        extract(instance, 0);
        taskService().claim(task(instance).getId(), "rita");
        complete(
                task(instance),
                withVariables(ProcessVariables.TRIAGE, decision.outcome().name()));
        return instance;
    }

    /** Does what ExtractionWorker does on success: lock the case's task, complete it with the counts. */
    private void extract(ProcessInstance instance, int unparseable) {
        List<LockedExternalTask> locked = lock(instance);
        assertThat(locked).hasSize(1);
        assertThat(locked.get(0).getBusinessKey()).isEqualTo(instance.getBusinessKey());
        externalTaskService()
                .complete(locked.get(0).getId(), WORKER, Map.of(ProcessVariables.DOCUMENTS_UNPARSEABLE, unparseable));
    }

    private List<LockedExternalTask> lock(ProcessInstance instance) {
        return externalTaskService()
                .fetchAndLock(1, WORKER)
                .topic(ExtractionWorker.TOPIC, LOCK)
                .businessKey(instance.getBusinessKey())
                .execute();
    }

    private List<Job> dueJobs(ProcessInstance instance) {
        return managementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .executable()
                .list();
    }

    /** Runs what the job executor would run now, until nothing is due. */
    private void runDueJobs(ProcessInstance instance) {
        for (List<Job> due = dueJobs(instance); !due.isEmpty(); due = dueJobs(instance)) {
            due.forEach(job -> managementService().executeJob(job.getId()));
        }
    }

    private ProcessInstance start() {
        String caseId = UUID.randomUUID().toString();
        return extension
                .getRuntimeService()
                .startProcessInstanceByKey(
                        ProcessVariables.PROCESS_KEY, caseId, Map.of(ProcessVariables.SUBMISSION_ID, caseId));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private JavaDelegate recording(String what) {
        return execution -> {
            Object request = execution.getVariable(ProcessVariables.VERIFICATION_REQUEST_ID);
            ran.add(what + " " + (request != null ? request : execution.getProcessBusinessKey()));
        };
    }

    /** Stands in for {@link VerificationRounds}: each round's requests and their times. */
    public static final class Schedule {

        private final Map<String, List<String>> rounds = new HashMap<>();
        private final Map<String, Instant[]> times = new HashMap<>();

        void round(ProcessInstance instance, Instant sent, Duration deadline, String... requestIds) {
            rounds.put(instance.getBusinessKey(), new ArrayList<>(List.of(requestIds)));
            for (String id : requestIds) {
                times.put(id, new Instant[] {sent.plus(deadline.dividedBy(2)), sent.plus(deadline)});
            }
        }

        public List<String> currentRound(String caseId) {
            return rounds.get(caseId);
        }

        public Date reminderAt(String requestId) {
            return Date.from(times.get(requestId)[0]);
        }

        public Date deadline(String requestId) {
            return Date.from(times.get(requestId)[1]);
        }
    }

    /** The participants the test gives each case (by business key). */
    static final class GivenParticipants extends ReviewCases {

        private final Map<String, ReviewCases.Participants> given;

        GivenParticipants(Map<String, ReviewCases.Participants> given) {
            super(null, null, null);
            this.given = given;
        }

        @Override
        Participants participants(UUID caseId) {
            return given.getOrDefault(caseId.toString(), Participants.NONE);
        }
    }
}
