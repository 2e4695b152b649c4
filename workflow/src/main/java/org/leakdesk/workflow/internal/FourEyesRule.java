package org.leakdesk.workflow.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.workflow.FourEyesException;
import org.springframework.stereotype.Component;

/**
 * The four-eyes rule's one home: nobody who triaged or assessed a case takes its editorial
 * decision. The inbox, claim, decide and the case status ask {@link #allows}; as a task listener
 * on "Editorial decision" (assignment and completion) the engine itself refuses the rest.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component("fourEyesRule")
class FourEyesRule implements TaskListener {

    private final ReviewCases cases;

    FourEyesRule(ReviewCases cases) {
        this.cases = cases;
    }

    /** The parts of a case that keep whoever took them from its editorial decision. */
    static final Set<ReviewCases.Part> EXCLUDING = EnumSet.of(ReviewCases.Part.TRIAGE, ReviewCases.Part.ASSESSMENT);

    /** The rule. */
    static boolean allows(String editor, ReviewCases.Participants participants) {
        return EXCLUDING.stream().noneMatch(part -> participants.of(part).contains(editor));
    }

    /**
     * The same rule as a SQL condition on a row with columns {@code case_id} and the username as
     * the one parameter, for the inbox query: true where the rule forbids that member the case.
     */
    static String excludedSql(String caseIdColumn) {
        return "EXISTS (SELECT 1 FROM review_participant p WHERE p.case_id = " + caseIdColumn
                + " AND p.username = ? AND p.part IN ("
                + EXCLUDING.stream().map(part -> "'" + part.name() + "'").collect(Collectors.joining(", "))
                + "))";
    }

    /** @throws FourEyesException if the rule forbids {@code editor} to decide on the case */
    void check(UUID caseId, String editor) {
        if (!allows(editor, cases.participants(caseId))) {
            throw new FourEyesException();
        }
    }

    @Override
    public void notify(DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null) {
            return;
        }
        UUID caseId = UUID.fromString((String) task.getVariable(ProcessVariables.SUBMISSION_ID));
        if (!allows(assignee, cases.participants(caseId))) {
            // Thrown through the engine: CaseWork maps it by type, never by message.
            throw new FourEyesViolation();
        }
    }

    /** True if the engine refused something because of this rule (its listener's exception, however wrapped). */
    static boolean refused(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof FourEyesViolation) {
                return true;
            }
        }
        return false;
    }

    /** The engine's refusal, recognised by its type. */
    static final class FourEyesViolation extends ProcessEngineException {
        FourEyesViolation() {
            super("Four-eyes rule: the editorial decision cannot be taken by who triaged or assessed the case");
        }
    }
}
