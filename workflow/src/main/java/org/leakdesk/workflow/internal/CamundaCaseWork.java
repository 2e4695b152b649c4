package org.leakdesk.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.Submissions;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Case work on Camunda's task and history services, with the checks the staff interface relies on. */
@Component
class CamundaCaseWork implements CaseWork {

    private static final String PUBLISHED_END = "published";

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final Submissions submissions;
    private final AccessLog accessLog;

    CamundaCaseWork(
            TaskService tasks,
            RuntimeService runtime,
            HistoryService history,
            Submissions submissions,
            AccessLog accessLog) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.submissions = submissions;
        this.accessLog = accessLog;
    }

    @Override
    @Transactional(readOnly = true)
    public List<InboxTask> inbox(StaffMember member) {
        List<String> groups = member.roles().stream()
                .filter(role -> role == StaffRole.REVIEWER || role == StaffRole.EDITOR)
                .map(StaffRole::group)
                .toList();
        Map<String, Task> found = new LinkedHashMap<>();
        if (!groups.isEmpty()) {
            tasks.createTaskQuery()
                    .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                    .taskCandidateGroupIn(groups)
                    .includeAssignedTasks()
                    .list()
                    .forEach(task -> found.put(task.getId(), task));
        }
        tasks.createTaskQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .taskAssignee(member.username())
                .list()
                .forEach(task -> found.put(task.getId(), task));
        return toInboxTasks(found.values()).stream()
                .filter(task -> !(task.kind() == TaskKind.EDITORIAL_DECISION
                        && member.username().equals(variable(task.taskId(), ProcessVariables.TRIAGED_BY))))
                .sorted(Comparator.comparing(InboxTask::createdAt))
                .toList();
    }

    @Override
    @Transactional
    public InboxTask claim(String taskId, StaffMember member) {
        Task task = openTask(taskId);
        TaskKind kind = kindOf(task);
        if (!member.has(kind.role())) {
            throw new NotPermittedException("Only a " + kind.role().group() + " can take on "
                    + kind.label().toLowerCase() + ".");
        }
        if (kind == TaskKind.EDITORIAL_DECISION
                && member.username().equals(variable(taskId, ProcessVariables.TRIAGED_BY))) {
            throw new FourEyesException();
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(member.username())) {
            throw new TaskAlreadyClaimedException(task.getAssignee());
        }
        if (task.getAssignee() == null) {
            try {
                tasks.claim(taskId, member.username());
            } catch (org.camunda.bpm.engine.TaskAlreadyClaimedException e) {
                throw new TaskAlreadyClaimedException(e.getTaskAssignee());
            }
            accessLog.record(new AccessRecord(
                    member.username(),
                    WorkflowAccessAction.TASK_CLAIMED,
                    caseOf(task).toString(),
                    kind.label()));
        }
        return toInboxTasks(List.of(openTask(taskId))).get(0);
    }

    @Override
    @Transactional
    public void completeTriage(String taskId, StaffMember member, TriageDecision decision) {
        UUID caseId = caseOf(claimedTask(taskId, member, TaskKind.TRIAGE));
        String outcome = decision instanceof TriageDecision.SendToEditor ? "SEND_TO_EDITOR" : "REJECT";
        tasks.complete(
                taskId, Map.of(ProcessVariables.TRIAGE, outcome, ProcessVariables.TRIAGED_BY, member.username()));
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.TRIAGE_COMPLETED,
                caseId.toString(),
                decision instanceof TriageDecision.SendToEditor ? "sent to editor" : "rejected"));
    }

    @Override
    @Transactional
    public void decide(String taskId, StaffMember member, EditorialDecision decision) {
        Task task = openTask(taskId);
        if (kindOf(task) == TaskKind.EDITORIAL_DECISION
                && member.username().equals(variable(taskId, ProcessVariables.TRIAGED_BY))) {
            throw new FourEyesException();
        }
        UUID caseId = caseOf(claimedTask(taskId, member, TaskKind.EDITORIAL_DECISION));
        String outcome = decision instanceof EditorialDecision.Publish ? "PUBLISH" : "REJECT";
        try {
            tasks.complete(
                    taskId, Map.of(ProcessVariables.DECISION, outcome, ProcessVariables.DECIDED_BY, member.username()));
        } catch (ProcessEngineException e) {
            if (e.getMessage() != null && e.getMessage().contains(FourEyesRule.VIOLATION)) {
                throw new FourEyesException();
            }
            throw e;
        }
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.EDITORIAL_DECISION,
                caseId.toString(),
                decision instanceof EditorialDecision.Publish ? "publish" : "reject"));
    }

    @Override
    @Transactional(readOnly = true)
    public CaseStatus status(UUID caseId, StaffMember member) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .processInstanceBusinessKey(caseId.toString())
                .singleResult();
        if (instance == null || !(member.has(StaffRole.REVIEWER) || member.has(StaffRole.EDITOR))) {
            throw new CaseNotVisibleException(caseId);
        }
        List<InboxTask> open = toInboxTasks(
                tasks.createTaskQuery().processInstanceId(instance.getId()).list());
        boolean given =
                open.stream().anyMatch(task -> member.has(task.kind().role()) || task.claimedBy(member.username()));
        boolean workedOn = history.createHistoricTaskInstanceQuery()
                        .processInstanceId(instance.getId())
                        .taskAssignee(member.username())
                        .count()
                > 0;
        if (!given && !workedOn) {
            throw new CaseNotVisibleException(caseId);
        }
        Map<String, Object> variables =
                history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list().stream()
                        .filter(v -> v.getValue() != null)
                        .collect(Collectors.toMap(
                                HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> b));
        return new CaseStatus(
                caseId, stage(instance, open), open, (String) variables.get(ProcessVariables.TRIAGED_BY), (String)
                        variables.get(ProcessVariables.DECIDED_BY));
    }

    private static CaseStage stage(HistoricProcessInstance instance, List<InboxTask> open) {
        if (instance.getEndTime() != null) {
            return PUBLISHED_END.equals(instance.getEndActivityId()) ? CaseStage.PUBLISHED : CaseStage.REJECTED;
        }
        if (open.isEmpty()) {
            return CaseStage.EXTRACTING_METADATA;
        }
        return open.get(0).kind() == TaskKind.TRIAGE
                ? CaseStage.AWAITING_TRIAGE
                : CaseStage.AWAITING_EDITORIAL_DECISION;
    }

    private Task claimedTask(String taskId, StaffMember member, TaskKind expected) {
        Task task = openTask(taskId);
        if (kindOf(task) != expected) {
            throw new NotPermittedException("This is not a " + expected.label().toLowerCase() + " task.");
        }
        if (!member.has(expected.role())) {
            throw new NotPermittedException("Only a " + expected.role().group() + " can complete "
                    + expected.label().toLowerCase() + ".");
        }
        if (!member.username().equals(task.getAssignee())) {
            throw new NotPermittedException(
                    task.getAssignee() == null
                            ? "Claim the task before completing it."
                            : "This task has been claimed by " + task.getAssignee() + ".");
        }
        return task;
    }

    private Task openTask(String taskId) {
        Task task = tasks.createTaskQuery()
                .taskId(taskId)
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .singleResult();
        if (task == null) {
            throw new TaskNotFoundException(taskId);
        }
        return task;
    }

    private static TaskKind kindOf(Task task) {
        TaskKind kind = TaskKind.ofActivity(task.getTaskDefinitionKey());
        if (kind == null) {
            throw new IllegalStateException("Unknown user task " + task.getTaskDefinitionKey());
        }
        return kind;
    }

    private UUID caseOf(Task task) {
        return UUID.fromString(
                (String) runtime.getVariable(task.getProcessInstanceId(), ProcessVariables.SUBMISSION_ID));
    }

    private @Nullable Object variable(String taskId, String name) {
        return tasks.getVariable(taskId, name);
    }

    /** Builds inbox rows with two queries for all tasks' cases and variables, then one overview per case. */
    private List<InboxTask> toInboxTasks(java.util.Collection<Task> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        Set<String> instanceIds = found.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> caseIds = new HashMap<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                .processInstanceIds(instanceIds)
                .list()) {
            caseIds.put(instance.getId(), instance.getBusinessKey());
        }
        Map<String, Integer> unparseable = new HashMap<>();
        for (VariableInstance v : runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instanceIds.toArray(String[]::new))
                .variableName(ProcessVariables.DOCUMENTS_UNPARSEABLE)
                .list()) {
            unparseable.put(v.getProcessInstanceId(), (Integer) v.getValue());
        }
        List<InboxTask> result = new ArrayList<>();
        for (Task task : found) {
            UUID caseId = UUID.fromString(caseIds.get(task.getProcessInstanceId()));
            SubmissionOverview overview = submissions.overview(caseId).orElse(null);
            result.add(new InboxTask(
                    task.getId(),
                    kindOf(task),
                    caseId,
                    overview != null ? overview.receivedAt() : Instant.EPOCH,
                    overview != null ? overview.fileCount() : 0,
                    unparseable.getOrDefault(task.getProcessInstanceId(), 0),
                    task.getCreateTime().toInstant(),
                    task.getAssignee()));
        }
        return result;
    }
}
