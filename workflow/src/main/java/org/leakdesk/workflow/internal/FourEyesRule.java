package org.leakdesk.workflow.internal;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task listener on "Editorial decision" (assignment and completion): the engine itself refuses
 * to give the decision to whoever triaged the case, whatever path the request took.
 */
@Component("fourEyesRule")
class FourEyesRule implements TaskListener {

    static final String VIOLATION = "Four-eyes rule: the editorial decision cannot be taken by who triaged the case";

    @Override
    public void notify(DelegateTask task) {
        Object triagedBy = task.getVariable(ProcessVariables.TRIAGED_BY);
        if (task.getAssignee() != null && task.getAssignee().equals(triagedBy)) {
            throw new ProcessEngineException(VIOLATION);
        }
    }
}
