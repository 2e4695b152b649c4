package org.leakdesk.workflow.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.workflow.CurrentStep;
import org.springframework.stereotype.Component;

/**
 * Where in {@code leak-review.bpmn} a case stands, and the diagram itself as deployed. A deployed
 * version never changes, so its XML is read from the engine once and kept.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class ProcessDiagrams {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final Map<String, String> xmlByDefinition = new ConcurrentHashMap<>();

    ProcessDiagrams(RepositoryService repository, RuntimeService runtime) {
        this.repository = repository;
        this.runtime = runtime;
    }

    /**
     * The innermost steps a running case stands at (a step waiting for its asynchronous start
     * included), one entry per step with how many run at once; the end event of an ended case.
     */
    List<CurrentStep> currentSteps(HistoricProcessInstance instance) {
        if (instance.getEndTime() != null) {
            return endStep(instance);
        }
        ActivityInstance root = runtime.getActivityInstance(instance.getId());
        if (root == null) {
            return List.of(); // ended a moment ago: the stage says so
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        collect(root, names, counts);
        BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
        List<CurrentStep> steps = new ArrayList<>();
        names.forEach((id, name) -> {
            // A sub-process left without a step inside is an outside party's branch that has ended,
            // waiting for the other branches: not a step the case stands at.
            if (!(model.getModelElementById(id) instanceof SubProcess)) {
                steps.add(new CurrentStep(id, name, counts.get(id)));
            }
        });
        return steps;
    }

    /**
     * The deployed BPMN XML of a version of the review process.
     *
     * @throws IllegalArgumentException if no version of the review process has that id
     */
    String xml(String processDefinitionId) {
        return xmlByDefinition.computeIfAbsent(processDefinitionId, this::read);
    }

    private String read(String processDefinitionId) {
        ProcessDefinition definition;
        try {
            definition = repository.getProcessDefinition(processDefinitionId);
        } catch (ProcessEngineException e) {
            throw new IllegalArgumentException("No deployed review process has the id " + processDefinitionId);
        }
        if (!ProcessVariables.PROCESS_KEY.equals(definition.getKey())) {
            throw new IllegalArgumentException("Not a version of the review process: " + processDefinitionId);
        }
        try (InputStream in = repository.getProcessModel(processDefinitionId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(ActivityInstance parent, Map<String, String> names, Map<String, Integer> counts) {
        for (TransitionInstance waiting : parent.getChildTransitionInstances()) {
            add(waiting.getActivityId(), waiting.getActivityName(), names, counts);
        }
        for (ActivityInstance child : parent.getChildActivityInstances()) {
            if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
                add(child.getActivityId(), child.getActivityName(), names, counts);
            } else {
                collect(child, names, counts);
            }
        }
    }

    private static void add(String id, @Nullable String name, Map<String, String> names, Map<String, Integer> counts) {
        names.putIfAbsent(id, name == null || name.isBlank() ? id : name);
        counts.merge(id, 1, Integer::sum);
    }

    private List<CurrentStep> endStep(HistoricProcessInstance instance) {
        String end = instance.getEndActivityId();
        if (end == null) {
            return List.of();
        }
        FlowElement element = repository
                .getBpmnModelInstance(instance.getProcessDefinitionId())
                .getModelElementById(end);
        String name = element == null || element.getName() == null ? end : element.getName();
        return List.of(new CurrentStep(end, name, 1));
    }
}
