package org.leakdesk.workflow.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.StuckStep;
import org.leakdesk.workflow.StuckSteps;
import org.leakdesk.workflow.TaskNotFoundException;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Steps that used up their retries (Camunda incidents: a failed job or a failed external task).
 * The failure shown is the exception's class only: a message could quote content.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class Incidents implements StuckSteps {

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final ExternalTaskService externalTasks;
    private final AccessLog accessLog;

    Incidents(
            RuntimeService runtime,
            RepositoryService repository,
            ManagementService management,
            ExternalTaskService externalTasks,
            AccessLog accessLog) {
        this.runtime = runtime;
        this.repository = repository;
        this.management = management;
        this.externalTasks = externalTasks;
        this.accessLog = accessLog;
    }

    @Override
    @Transactional(readOnly = true)
    public List<StuckStep> list(StaffMember admin) {
        requireAdmin(admin);
        return open();
    }

    @Override
    @Transactional
    public void retry(String incidentId, StaffMember admin) {
        requireAdmin(admin);
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new TaskNotFoundException(incidentId);
        }
        if (Incident.EXTERNAL_TASK_HANDLER_TYPE.equals(incident.getIncidentType())) {
            externalTasks.setRetries(incident.getConfiguration(), 1);
        } else {
            management.setJobRetries(incident.getConfiguration(), 1);
        }
        accessLog.record(new AccessRecord(
                admin.username(), WorkflowAccessAction.STEP_RETRIED, caseOf(incident), incident.getActivityId()));
    }

    /** Open incidents of the review process, oldest first. */
    List<StuckStep> open() {
        Map<String, String> names = new HashMap<>();
        return runtime.createIncidentQuery().list().stream()
                .filter(incident -> caseOf(incident) != null)
                .sorted(Comparator.comparing(Incident::getIncidentTimestamp))
                .map(incident -> new StuckStep(
                        incident.getId(),
                        UUID.fromString(caseOf(incident)),
                        names.computeIfAbsent(
                                incident.getProcessDefinitionId() + "/" + incident.getActivityId(),
                                key -> stepName(incident)),
                        failureOf(incident),
                        incident.getIncidentTimestamp().toInstant()))
                .toList();
    }

    /** True if the process instance has an open incident. */
    boolean blocks(String processInstanceId) {
        return runtime.createIncidentQuery()
                        .processInstanceId(processInstanceId)
                        .count()
                > 0;
    }

    private String caseOf(Incident incident) {
        if (incident.getProcessInstanceId() == null) {
            return null;
        }
        var instance = runtime.createProcessInstanceQuery()
                .processInstanceId(incident.getProcessInstanceId())
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }

    private String stepName(Incident incident) {
        FlowElement element = repository
                .getBpmnModelInstance(incident.getProcessDefinitionId())
                .getModelElementById(incident.getActivityId());
        return element != null && element.getName() != null ? element.getName() : incident.getActivityId();
    }

    /** The failure's exception class: ExtractionWorker reports only that; a job's message is cut at the first colon. */
    private static String failureOf(Incident incident) {
        String message = incident.getIncidentMessage();
        if (message == null || message.isBlank()) {
            return "unknown failure";
        }
        int colon = message.indexOf(':');
        String head = (colon < 0 ? message : message.substring(0, colon)).strip();
        return head.matches("[\\w.$]+") ? head : "failure (see the server log)";
    }

    private static void requireAdmin(StaffMember member) {
        if (!member.has(StaffRole.ADMIN)) {
            throw new NotPermittedException("Only an administrator can see and retry stuck steps.");
        }
    }
}
