package org.leakdesk.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.Submissions;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.TaskNotFoundException;
import org.springframework.stereotype.Component;

/** Finding the review process's user tasks and turning them into inbox rows. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class ProcessTasks {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final Submissions submissions;

    ProcessTasks(TaskService tasks, RuntimeService runtime, Submissions submissions) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.submissions = submissions;
    }

    /** @throws TaskNotFoundException if no task of the process is open under that id */
    Task open(String taskId) {
        Task task = tasks.createTaskQuery()
                .taskId(taskId)
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .singleResult();
        if (task == null) {
            throw new TaskNotFoundException(taskId);
        }
        return task;
    }

    /**
     * The open task of the expected kind, claimed by the member.
     *
     * @throws NotPermittedException if it is another kind, not of the member's roles, or not theirs
     */
    Task claimedBy(String taskId, StaffMember member, TaskKind expected) {
        Task task = open(taskId);
        if (kindOf(task) != expected) {
            throw new NotPermittedException("This is not a task of the kind \"" + expected.label() + "\".");
        }
        if (!member.has(expected.role())) {
            throw new NotPermittedException(
                    "Only a " + expected.role().group() + " can complete \"" + expected.label() + "\".");
        }
        if (!member.username().equals(task.getAssignee())) {
            throw new NotPermittedException(
                    task.getAssignee() == null
                            ? "Claim the task before completing it."
                            : "This task has been claimed by " + task.getAssignee() + ".");
        }
        return task;
    }

    static TaskKind kindOf(Task task) {
        TaskKind kind = TaskKind.ofActivity(task.getTaskDefinitionKey());
        if (kind == null) {
            throw new IllegalStateException("Unknown user task " + task.getTaskDefinitionKey());
        }
        return kind;
    }

    UUID caseOf(Task task) {
        return UUID.fromString(
                (String) runtime.getVariable(task.getProcessInstanceId(), ProcessVariables.SUBMISSION_ID));
    }

    /** Inbox rows for tasks found through the engine's API. */
    List<InboxTask> rows(Collection<Task> found) {
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
        return inboxTasks(found.stream()
                .map(task -> new InboxQuery.Row(
                        task.getId(),
                        kindOf(task),
                        UUID.fromString(caseIds.get(task.getProcessInstanceId())),
                        task.getProcessInstanceId(),
                        new java.sql.Timestamp(task.getCreateTime().getTime()),
                        task.getAssignee()))
                .toList());
    }

    /** Inbox rows with one query for the tasks' variables and one for the cases' overviews. */
    List<InboxTask> inboxTasks(List<InboxQuery.Row> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        String[] instanceIds =
                found.stream().map(InboxQuery.Row::processInstanceId).distinct().toArray(String[]::new);
        Map<String, Integer> unparseable = new HashMap<>();
        Map<String, Integer> withFindings = new HashMap<>();
        for (VariableInstance v : runtime.createVariableInstanceQuery()
                .processInstanceIdIn(instanceIds)
                .variableNameIn(ProcessVariables.DOCUMENTS_UNPARSEABLE, ProcessVariables.DOCUMENTS_WITH_FINDINGS)
                .list()) {
            (v.getName().equals(ProcessVariables.DOCUMENTS_UNPARSEABLE) ? unparseable : withFindings)
                    .put(v.getProcessInstanceId(), (Integer) v.getValue());
        }
        Map<UUID, SubmissionOverview> overviews = submissions.overviews(
                found.stream().map(InboxQuery.Row::caseId).distinct().toList());
        List<InboxTask> result = new ArrayList<>();
        for (InboxQuery.Row row : found) {
            SubmissionOverview overview = overviews.get(row.caseId());
            result.add(new InboxTask(
                    row.taskId(),
                    row.kind(),
                    row.caseId(),
                    overview != null ? overview.receivedAt() : Instant.EPOCH,
                    overview != null ? overview.fileCount() : 0,
                    unparseable.getOrDefault(row.processInstanceId(), 0),
                    row.created().toInstant(),
                    row.assignee(),
                    withFindings.getOrDefault(row.processInstanceId(), 0),
                    row.due(),
                    row.overdueRequests()));
        }
        return result;
    }
}
