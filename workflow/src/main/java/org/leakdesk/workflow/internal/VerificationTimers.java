package org.leakdesk.workflow.internal;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two timers of a waiting verification request: "Record the reminder" at half time and
 * "Record no answer" at the deadline. Both are idempotent (a retried job finds the row marked).
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Configuration(proxyBeanMethods = false)
class VerificationTimers {

    static final String ACTOR = "system:verification";

    @Bean
    JavaDelegate verificationReminder(VerificationStore store, AccessLog accessLog) {
        return execution -> {
            UUID requestId = requestId(execution);
            if (store.reminded(requestId)) {
                accessLog.record(new AccessRecord(
                        ACTOR,
                        WorkflowAccessAction.VERIFICATION_REMINDER_DUE,
                        execution.getProcessBusinessKey(),
                        "request " + requestId));
            }
        };
    }

    @Bean
    JavaDelegate verificationNoAnswer(VerificationStore store, AccessLog accessLog) {
        return execution -> {
            UUID requestId = requestId(execution);
            if (store.ranOut(requestId)) {
                accessLog.record(new AccessRecord(
                        ACTOR,
                        WorkflowAccessAction.VERIFICATION_NO_ANSWER,
                        execution.getProcessBusinessKey(),
                        "request " + requestId));
            }
        };
    }

    private static UUID requestId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(ProcessVariables.VERIFICATION_REQUEST_ID));
    }
}
