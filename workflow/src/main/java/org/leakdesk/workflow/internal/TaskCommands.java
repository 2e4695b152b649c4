package org.leakdesk.workflow.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.ScrubbedCopy;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.EditorialDecision;
import org.leakdesk.workflow.FourEyesException;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.InvalidEntryException;
import org.leakdesk.workflow.NotPermittedException;
import org.leakdesk.workflow.TaskAlreadyClaimedException;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.Texts;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.Verdict;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.leakdesk.workflow.VerifierLink;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Task commands on Camunda's task service, with the checks the staff interface relies on. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class TaskCommands implements CaseWork {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ProcessTasks processTasks;
    private final CaseQueries queries;
    private final ReviewCases cases;
    private final FourEyesRule fourEyes;
    private final VerificationStore verification;
    private final ReviewRecords records;
    private final Decryptor decryptor;
    private final AccessLog accessLog;
    private final ReviewSettings settings;
    private final EngineClock clock;
    private final ScrubbedCopies scrubbedCopies;

    TaskCommands(
            TaskService tasks,
            RuntimeService runtime,
            ProcessTasks processTasks,
            CaseQueries queries,
            ReviewCases cases,
            FourEyesRule fourEyes,
            VerificationStore verification,
            ReviewRecords records,
            Decryptor decryptor,
            AccessLog accessLog,
            ReviewSettings settings,
            EngineClock clock,
            ScrubbedCopies scrubbedCopies) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.processTasks = processTasks;
        this.queries = queries;
        this.cases = cases;
        this.fourEyes = fourEyes;
        this.verification = verification;
        this.records = records;
        this.decryptor = decryptor;
        this.accessLog = accessLog;
        this.settings = settings;
        this.clock = clock;
        this.scrubbedCopies = scrubbedCopies;
    }

    @Override
    @Transactional
    public InboxTask claim(String taskId, StaffMember member) {
        Task task = processTasks.open(taskId);
        TaskKind kind = ProcessTasks.kindOf(task);
        if (!member.has(kind.role())) {
            throw new NotPermittedException("Only a " + kind.role().group() + " can take on \"" + kind.label() + "\".");
        }
        UUID caseId = processTasks.caseOf(task);
        if (kind == TaskKind.EDITORIAL_DECISION) {
            fourEyes.check(caseId, member.username());
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(member.username())) {
            throw new TaskAlreadyClaimedException(task.getAssignee());
        }
        if (task.getAssignee() == null) {
            assign(task, caseId, member);
        }
        return processTasks.rows(List.of(processTasks.open(taskId))).get(0);
    }

    @Override
    @Transactional
    public void unclaim(String taskId, StaffMember member) {
        Task task = processTasks.open(taskId);
        if (!member.username().equals(task.getAssignee())) {
            throw new NotPermittedException("You can only give back a task you hold.");
        }
        tasks.setAssignee(taskId, null);
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.TASK_UNCLAIMED,
                processTasks.caseOf(task).toString(),
                ProcessTasks.kindOf(task).label()));
    }

    @Override
    @Transactional
    public void completeTriage(String taskId, StaffMember member, TriageDecision decision) {
        Task task = processTasks.claimedBy(taskId, member, TaskKind.TRIAGE);
        UUID caseId = processTasks.caseOf(task);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.TRIAGE, decision.outcome().name());
        if (decision.outcome() == TriageDecision.Outcome.REJECT) {
            variables.put(ProcessVariables.DESTROY_AT, destroyAt());
        }
        cases.took(caseId, member.username(), ReviewCases.Part.TRIAGE);
        records.add(
                caseId,
                ReviewRecords.Step.TRIAGE,
                decision.outcome().label(),
                decision.note(),
                null,
                member.username());
        tasks.complete(taskId, variables);
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.TRIAGE_COMPLETED,
                caseId.toString(),
                decision.outcome().name()));
        if (decision.outcome() == TriageDecision.Outcome.REQUEST_VERIFICATION) {
            // Whoever asked for verification writes the requests: hand them the task at once.
            Task next = nextTask(task.getProcessInstanceId(), TaskKind.PREPARE_VERIFICATION);
            assign(next, caseId, member);
        }
    }

    @Override
    @Transactional
    public UUID addVerificationRequest(String taskId, StaffMember member, VerificationRequestDraft draft) {
        Task task = processTasks.claimedBy(taskId, member, TaskKind.PREPARE_VERIFICATION);
        UUID caseId = processTasks.caseOf(task);
        if (!draft.deadline().isAfter(clock.instant())) {
            throw new InvalidEntryException("The deadline has to be in the future.");
        }
        UUID id = verification.addDraft(caseId, verification.openRound(caseId), draft, member.username());
        cases.took(caseId, member.username(), ReviewCases.Part.VERIFICATION);
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.VERIFICATION_REQUEST_WRITTEN,
                caseId.toString(),
                "request " + id + ", sharing " + draft.sharing().name()));
        return id;
    }

    @Override
    @Transactional
    public void removeVerificationRequest(String taskId, StaffMember member, UUID requestId) {
        Task task = processTasks.claimedBy(taskId, member, TaskKind.PREPARE_VERIFICATION);
        UUID caseId = processTasks.caseOf(task);
        if (!verification.removeDraft(caseId, requestId)) {
            throw new InvalidEntryException("That request has been sent already or does not exist.");
        }
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.VERIFICATION_REQUEST_REMOVED,
                caseId.toString(),
                "request " + requestId));
    }

    @Override
    @Transactional
    public List<VerifierLink> sendVerificationRequests(String taskId, StaffMember member) {
        Task task = processTasks.claimedBy(taskId, member, TaskKind.PREPARE_VERIFICATION);
        UUID caseId = processTasks.caseOf(task);
        List<VerificationStore.Row> drafts = verification.drafts(caseId);
        if (drafts.isEmpty()) {
            throw new InvalidEntryException("Write at least one verification request before sending.");
        }
        if (drafts.stream().anyMatch(row -> !row.deadline().isAfter(clock.instant()))) {
            throw new InvalidEntryException("A request's deadline has passed: remove it and write it again.");
        }
        DecryptionSession session = decryptor.open(new AccessRecord(
                member.username(), WorkflowAccessAction.VERIFICATION_READ, caseId.toString(), "to issue links"));
        List<VerifierLink> links = new ArrayList<>();
        for (VerificationStore.Row draft : drafts) {
            String organisation = verification.content(draft, session).organisation();
            links.add(new VerifierLink(draft.id(), organisation, verification.send(draft.id())));
        }
        tasks.complete(taskId);
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.VERIFICATION_REQUESTS_SENT,
                caseId.toString(),
                links.size() + " requests, round " + drafts.get(0).round()));
        return links;
    }

    @Override
    @Transactional
    public void recordAnswer(UUID caseId, UUID requestId, StaffMember member, Verdict verdict, String comment) {
        VerificationStore.Row row = requestOf(caseId, requestId, member);
        answer(row, verdict, Texts.optional(comment, "the comment", Texts.LONG), member.username());
    }

    /** Records an answer (a reviewer's or a verifier's) and lets the request's instance go on. */
    void answer(VerificationStore.Row row, Verdict verdict, String comment, String recordedBy) {
        if (!verification.answer(row.caseId(), row.id(), verdict, comment, recordedBy)) {
            throw new InvalidEntryException("This request is not waiting for an answer any more.");
        }
        runtime.createMessageCorrelation(ProcessVariables.ANSWER_MESSAGE)
                .processInstanceBusinessKey(row.caseId().toString())
                .localVariableEquals(ProcessVariables.ANSWERS_REQUEST, row.id().toString())
                .correlateWithResult();
        accessLog.record(new AccessRecord(
                recordedBy,
                WorkflowAccessAction.VERIFICATION_ANSWERED,
                row.caseId().toString(),
                "request " + row.id() + ": " + verdict.name()));
    }

    @Override
    @Transactional
    public VerifierLink reissueLink(UUID caseId, UUID requestId, StaffMember member) {
        VerificationStore.Row row = requestOf(caseId, requestId, member);
        if (!row.waiting()) {
            throw new InvalidEntryException("This request is not waiting for an answer any more.");
        }
        DecryptionSession session = decryptor.open(new AccessRecord(
                member.username(), WorkflowAccessAction.VERIFICATION_READ, caseId.toString(), "to issue a link"));
        String organisation = verification.content(row, session).organisation();
        VerifierLink link = new VerifierLink(requestId, organisation, verification.reissue(requestId));
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.VERIFICATION_LINK_REISSUED,
                caseId.toString(),
                "request " + requestId));
        return link;
    }

    @Override
    @Transactional
    public void assess(String taskId, StaffMember member, Assessment assessment) {
        Task task = processTasks.claimedBy(taskId, member, TaskKind.ASSESSMENT);
        UUID caseId = processTasks.caseOf(task);
        String tally = VerificationRounds.tally(verification.ofCase(caseId)).summary();
        cases.took(caseId, member.username(), ReviewCases.Part.ASSESSMENT);
        records.add(
                caseId,
                ReviewRecords.Step.ASSESSMENT,
                assessment.recommendation().name(),
                assessment.summary(),
                tally,
                member.username());
        tasks.complete(taskId);
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.VERIFICATION_ASSESSED,
                caseId.toString(),
                assessment.recommendation().name() + "; " + tally));
    }

    @Override
    @Transactional
    public void decide(String taskId, StaffMember member, EditorialDecision decision) {
        Task task = processTasks.open(taskId);
        UUID caseId = processTasks.caseOf(task);
        if (ProcessTasks.kindOf(task) == TaskKind.EDITORIAL_DECISION) {
            fourEyes.check(caseId, member.username());
        }
        processTasks.claimedBy(taskId, member, TaskKind.EDITORIAL_DECISION);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ProcessVariables.DECISION, decision.outcome().name());
        switch (decision.outcome()) {
            case HOLD ->
                variables.put(ProcessVariables.HOLD_UNTIL, holdUntil(((EditorialDecision.Hold) decision).until()));
            case REJECT -> variables.put(ProcessVariables.DESTROY_AT, destroyAt());
            case PUBLISH, MORE_VERIFICATION -> {
                // the process needs nothing more
            }
        }
        cases.took(caseId, member.username(), ReviewCases.Part.DECISION);
        records.add(
                caseId,
                ReviewRecords.Step.EDITORIAL_DECISION,
                decision.outcome().label(),
                decision.note(),
                null,
                member.username());
        try {
            tasks.complete(taskId, variables);
        } catch (ProcessEngineException e) {
            if (FourEyesRule.refused(e)) {
                throw new FourEyesException();
            }
            throw e;
        }
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.EDITORIAL_DECISION,
                caseId.toString(),
                decision.outcome().name()));
    }

    @Override
    @Transactional(readOnly = true)
    public void writePublicationPackage(UUID caseId, StaffMember member, OutputStream out) throws IOException {
        queries.status(caseId, member);
        DecryptionSession session = decryptor.open(new AccessRecord(
                member.username(),
                WorkflowAccessAction.PUBLICATION_PACKAGE_DOWNLOADED,
                caseId.toString(),
                "provenance report"));
        String report = records.report(caseId, session)
                .orElseThrow(() -> new InvalidEntryException("This case has no publication package."));
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.putNextEntry(new ZipEntry("provenance-report.txt"));
        zip.write(report.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        List<ScrubbedCopy> copies = scrubbedCopies.list(caseId, member.username());
        for (int i = 0; i < copies.size(); i++) {
            zip.putNextEntry(new ZipEntry("scrubbed/" + PublicationFiles.fileName(i + 1, copies.get(i))));
            scrubbedCopies.write(caseId, copies.get(i).fileId(), member.username(), zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    private VerificationStore.Row requestOf(UUID caseId, UUID requestId, StaffMember member) {
        if (!member.has(StaffRole.REVIEWER)) {
            throw new NotPermittedException("Only a reviewer can record answers and issue links.");
        }
        queries.status(caseId, member);
        return verification
                .find(requestId)
                .filter(row -> row.caseId().equals(caseId))
                .orElseThrow(() -> new CaseNotVisibleException(caseId));
    }

    private void assign(Task task, UUID caseId, StaffMember member) {
        try {
            tasks.claim(task.getId(), member.username());
        } catch (org.camunda.bpm.engine.TaskAlreadyClaimedException e) {
            throw new TaskAlreadyClaimedException(e.getTaskAssignee());
        } catch (ProcessEngineException e) {
            if (FourEyesRule.refused(e)) {
                throw new FourEyesException();
            }
            throw e;
        }
        accessLog.record(new AccessRecord(
                member.username(),
                WorkflowAccessAction.TASK_CLAIMED,
                caseId.toString(),
                ProcessTasks.kindOf(task).label()));
    }

    private Task nextTask(String processInstanceId, TaskKind kind) {
        Task next = tasks.createTaskQuery()
                .processInstanceId(processInstanceId)
                .taskDefinitionKey(kind.activityId())
                .singleResult();
        if (next == null) {
            throw new IllegalStateException("The process did not open \"" + kind.label() + "\"");
        }
        return next;
    }

    private Date destroyAt() {
        return Date.from(clock.instant().plus(settings.retention()));
    }

    private Date holdUntil(LocalDate until) {
        Instant at = until.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!at.isAfter(clock.instant())) {
            throw new InvalidEntryException("Hold the case until a day after today.");
        }
        return Date.from(at);
    }
}
