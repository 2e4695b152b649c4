package org.leakdesk.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.Submissions;
import org.leakdesk.workflow.Assessment;
import org.leakdesk.workflow.CaseFile;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseNotVisibleException;
import org.leakdesk.workflow.CaseStage;
import org.leakdesk.workflow.CaseStatus;
import org.leakdesk.workflow.DecisionRecord;
import org.leakdesk.workflow.InboxFilter;
import org.leakdesk.workflow.InboxPage;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.Recommendation;
import org.leakdesk.workflow.StuckStep;
import org.leakdesk.workflow.TaskKind;
import org.leakdesk.workflow.VerificationRequest;
import org.leakdesk.workflow.VerificationTally;
import org.leakdesk.workflow.WaitingCase;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What staff see of cases, and the one place that decides which cases a member may see. */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class CaseQueries implements CaseInbox {

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ProcessTasks processTasks;
    private final ReviewCases cases;
    private final VerificationStore verification;
    private final ReviewRecords records;
    private final Submissions submissions;
    private final Decryptor decryptor;
    private final Incidents incidents;
    private final InboxQuery inboxQuery;
    private final ProcessDiagrams diagrams;

    CaseQueries(
            TaskService tasks,
            RuntimeService runtime,
            HistoryService history,
            ProcessTasks processTasks,
            ReviewCases cases,
            VerificationStore verification,
            ReviewRecords records,
            Submissions submissions,
            Decryptor decryptor,
            Incidents incidents,
            InboxQuery inboxQuery,
            ProcessDiagrams diagrams) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.history = history;
        this.processTasks = processTasks;
        this.cases = cases;
        this.verification = verification;
        this.records = records;
        this.submissions = submissions;
        this.decryptor = decryptor;
        this.incidents = incidents;
        this.inboxQuery = inboxQuery;
        this.diagrams = diagrams;
    }

    @Override
    @Transactional(readOnly = true)
    public InboxPage inbox(StaffMember member, int page, int pageSize) {
        if (page < 0 || pageSize < 1 || pageSize > InboxPage.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page from 0, page size from 1 to " + InboxPage.MAX_PAGE_SIZE);
        }
        if (staffGroups(member).isEmpty()) {
            return new InboxPage(List.of(), page, pageSize, 0);
        }
        return new InboxPage(
                processTasks.inboxTasks(inboxQuery.page(member, page, pageSize)),
                page,
                pageSize,
                inboxQuery.count(member));
    }

    @Override
    @Transactional(readOnly = true)
    public InboxPage inbox(StaffMember member, InboxFilter filter, int page, int pageSize) {
        if (page < 0 || pageSize < 1 || pageSize > InboxPage.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page from 0, page size from 1 to " + InboxPage.MAX_PAGE_SIZE);
        }
        if (staffGroups(member).isEmpty()) {
            return new InboxPage(List.of(), page, pageSize, 0);
        }
        java.util.Map<InboxTab, Long> counts = inboxQuery.counts(member, filter);
        if (filter.tab() == InboxTab.WAITING) {
            return new InboxPage(
                    List.of(),
                    page,
                    pageSize,
                    counts.get(InboxTab.WAITING),
                    counts,
                    waitingCases(inboxQuery.waitingPage(member, filter, page, pageSize)));
        }
        return new InboxPage(
                processTasks.inboxTasks(inboxQuery.page(member, filter, page, pageSize)),
                page,
                pageSize,
                counts.get(filter.tab()),
                counts);
    }

    @Override
    @Transactional(readOnly = true)
    public List<StuckStep> stuck(StaffMember member) {
        return staffGroups(member).isEmpty() ? List.of() : incidents.open();
    }

    @Override
    @Transactional(readOnly = true)
    public CaseStatus status(UUID caseId, StaffMember member) {
        Visible visible = visible(caseId, member);
        HistoricProcessInstance instance = visible.instance();
        List<InboxTask> open = visible.openTasks();
        ReviewCases.Participants participants = visible.participants();
        InboxTask claimable = open.stream()
                .filter(InboxTask::unclaimed)
                .filter(task -> member.has(task.kind().role()) && mayTake(task, member, participants))
                .findFirst()
                .orElse(null);
        String decidedBy = records.ofCase(caseId).stream()
                .filter(row -> row.step() == ReviewRecords.Step.EDITORIAL_DECISION)
                .reduce((first, second) -> second)
                .map(ReviewRecords.Row::recordedBy)
                .orElse(null);
        boolean running = instance.getEndTime() == null;
        java.util.Map<String, Instant> dates = running ? dateVariables(instance.getId()) : java.util.Map.of();
        return new CaseStatus(
                caseId,
                stage(instance, open),
                open,
                claimable,
                participants.of(ReviewCases.Part.TRIAGE).stream().findFirst().orElse(null),
                Set.copyOf(participants.of(ReviewCases.Part.ASSESSMENT)),
                decidedBy,
                running ? dates.get(ProcessVariables.HOLD_UNTIL) : null,
                running ? dates.get(ProcessVariables.DESTROY_AT) : null,
                diagrams.currentSteps(instance),
                instance.getProcessDefinitionId());
    }

    /**
     * Only the check of {@link #status}: whether the member may see the case, at the cost of the
     * few queries it takes (for callers that need nothing else of the status).
     *
     * @throws CaseNotVisibleException unless the member may see the case
     */
    @Transactional(readOnly = true)
    public void requireVisible(UUID caseId, StaffMember member) {
        visible(caseId, member);
    }

    /** What the visibility rule reads, for a case the member may see. */
    private record Visible(
            HistoricProcessInstance instance, List<InboxTask> openTasks, ReviewCases.Participants participants) {}

    /** The one place that decides whether a member may see a case. */
    private Visible visible(UUID caseId, StaffMember member) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                .processInstanceBusinessKey(caseId.toString())
                .singleResult();
        if (instance == null || staffGroups(member).isEmpty()) {
            throw new CaseNotVisibleException(caseId);
        }
        List<InboxTask> open = processTasks.rows(
                tasks.createTaskQuery().processInstanceId(instance.getId()).list());
        ReviewCases.Participants participants = cases.participants(caseId);
        // A task a colleague has claimed is theirs: the case shows in the list, but opens only for
        // them (and for whoever worked on the case before) until they give the task back.
        boolean given = open.stream()
                .anyMatch(task -> task.claimedBy(member.username())
                        || (task.unclaimed() && member.has(task.kind().role()) && mayTake(task, member, participants)));
        // Nobody holds a case while outside parties answer: every reviewer may follow it and record an answer.
        boolean waiting = open.isEmpty() && member.has(StaffRole.REVIEWER) && inboxQuery.waitingForVerification(caseId);
        if (!given && !waiting && !participants.includes(member.username())) {
            throw new CaseNotVisibleException(caseId);
        }
        return new Visible(instance, open, participants);
    }

    @Override
    public String processDiagram(String processDefinitionId) {
        return diagrams.xml(processDefinitionId);
    }

    /** The page's waiting cases with their documents, the overviews in one query as for tasks. */
    private List<WaitingCase> waitingCases(List<InboxQuery.WaitingRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, Integer> withFindings = new java.util.HashMap<>();
        for (VariableInstance v : runtime.createVariableInstanceQuery()
                .processInstanceIdIn(rows.stream()
                        .map(InboxQuery.WaitingRow::processInstanceId)
                        .toArray(String[]::new))
                .variableName(ProcessVariables.DOCUMENTS_WITH_FINDINGS)
                .list()) {
            withFindings.put(v.getProcessInstanceId(), (Integer) v.getValue());
        }
        java.util.Map<UUID, SubmissionOverview> overviews = submissions.overviews(
                rows.stream().map(InboxQuery.WaitingRow::caseId).toList());
        List<WaitingCase> result = new ArrayList<>();
        for (InboxQuery.WaitingRow row : rows) {
            SubmissionOverview overview = overviews.get(row.caseId());
            result.add(new WaitingCase(
                    row.caseId(),
                    overview != null ? overview.receivedAt() : Instant.EPOCH,
                    overview != null ? overview.fileCount() : 0,
                    withFindings.getOrDefault(row.processInstanceId(), 0),
                    row.round(),
                    row.sentAt(),
                    row.requests(),
                    row.answered(),
                    row.outstanding(),
                    row.overdue(),
                    row.due()));
        }
        return result;
    }

    @Override
    @Transactional(readOnly = true)
    public CaseFile open(UUID caseId, StaffMember member) {
        CaseStatus status = status(caseId, member);
        CaseDocuments documents =
                status.stage() == CaseStage.DESTROYED ? null : submissions.read(caseId, member.username());
        List<VerificationStore.Row> requestRows = verification.ofCase(caseId);
        List<ReviewRecords.Row> recordRows = records.ofCase(caseId);
        DecryptionSession session = decryptor.open(new AccessRecord(
                member.username(),
                WorkflowAccessAction.VERIFICATION_READ,
                caseId.toString(),
                requestRows.size() + " requests, " + recordRows.size() + " decisions and assessments"));
        List<VerificationRequest> requests = new ArrayList<>();
        requestRows.forEach(row -> requests.add(verification.view(row, session)));
        List<Assessment> assessments = new ArrayList<>();
        List<DecisionRecord> decisions = new ArrayList<>();
        for (ReviewRecords.Row row : recordRows) {
            String note = records.note(row, session);
            if (row.step() == ReviewRecords.Step.ASSESSMENT) {
                assessments.add(new Assessment(
                        Recommendation.valueOf(row.outcome()),
                        note.isEmpty() ? "(destroyed)" : note,
                        null,
                        row.recordedBy(),
                        row.recordedAt()));
            } else {
                decisions.add(new DecisionRecord(
                        row.step().label(), row.outcome(), note, row.recordedBy(), row.recordedAt()));
            }
        }
        return new CaseFile(
                status,
                documents,
                requests,
                VerificationTally.of(requests),
                assessments,
                decisions,
                records.report(caseId, session).orElse(null));
    }

    /** The four-eyes rule decides who may take an editorial decision; every other task is open to its role. */
    static boolean mayTake(InboxTask task, StaffMember member, ReviewCases.Participants participants) {
        return task.kind() != TaskKind.EDITORIAL_DECISION || FourEyesRule.allows(member.username(), participants);
    }

    private CaseStage stage(HistoricProcessInstance instance, List<InboxTask> open) {
        if (instance.getEndTime() != null) {
            return "published".equals(instance.getEndActivityId()) ? CaseStage.PUBLISHED : CaseStage.DESTROYED;
        }
        if (!open.isEmpty()) {
            return switch (open.get(0).kind()) {
                case TRIAGE -> CaseStage.AWAITING_TRIAGE;
                case PREPARE_VERIFICATION -> CaseStage.PREPARING_VERIFICATION;
                case ASSESSMENT -> CaseStage.AWAITING_ASSESSMENT;
                case EDITORIAL_DECISION -> CaseStage.AWAITING_EDITORIAL_DECISION;
            };
        }
        if (incidents.blocks(instance.getId())) {
            return CaseStage.NEEDS_ATTENTION;
        }
        // History, not the runtime: a case that ends meanwhile has no runtime left to ask.
        List<String> active =
                history
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instance.getId())
                        .unfinished()
                        .list()
                        .stream()
                        .map(HistoricActivityInstance::getActivityId)
                        .toList();
        if (active.contains("awaitAnswer") || active.contains("recordReminder") || active.contains("recordNoAnswer")) {
            return CaseStage.AWAITING_VERIFICATION;
        }
        if (active.contains("holdUntil")) {
            return CaseStage.ON_HOLD;
        }
        if (active.contains("preparePublicationPackage")) {
            return CaseStage.PREPARING_PUBLICATION;
        }
        if (active.contains("retentionPeriod") || active.contains("shredCase")) {
            return CaseStage.REJECTED;
        }
        return CaseStage.EXTRACTING_METADATA;
    }

    /** The hold and destruction dates of a running case, in one query; absent when not set. */
    private java.util.Map<String, Instant> dateVariables(String processInstanceId) {
        java.util.Map<String, Instant> dates = new java.util.HashMap<>();
        for (VariableInstance variable : runtime.createVariableInstanceQuery()
                .processInstanceIdIn(processInstanceId)
                .variableNameIn(ProcessVariables.HOLD_UNTIL, ProcessVariables.DESTROY_AT)
                .list()) {
            if (variable.getValue() instanceof Date date) {
                dates.putIfAbsent(variable.getName(), date.toInstant());
            }
        }
        return dates;
    }

    private static List<String> staffGroups(StaffMember member) {
        return member.roles().stream()
                .filter(role -> role == StaffRole.REVIEWER || role == StaffRole.EDITOR)
                .map(StaffRole::group)
                .toList();
    }
}
