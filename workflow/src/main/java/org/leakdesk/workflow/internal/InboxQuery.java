package org.leakdesk.workflow.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.InboxFilter;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.TaskKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One page of a member's open tasks, straight from the engine's task table joined with {@code
 * review_case}: Camunda's task query can neither page after the four-eyes filter nor join our
 * tables. The roles decide by task kind (each user task has one candidate group, see {@link
 * TaskKind#role()}); the four-eyes condition comes from {@link FourEyesRule}. Tabs, filters,
 * order and the counts per tab are SQL too, so a page costs about the same with 10,000 open
 * cases as with ten.
 */
@ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
@Component
class InboxQuery {

    /** A task as the page query finds it. */
    record Row(
            String taskId,
            TaskKind kind,
            UUID caseId,
            String processInstanceId,
            Timestamp created,
            @Nullable String assignee,
            @Nullable Instant due,
            int overdueRequests) {

        Row(
                String taskId,
                TaskKind kind,
                UUID caseId,
                String processInstanceId,
                Timestamp created,
                @Nullable String assignee) {
            this(taskId, kind, caseId, processInstanceId, created, assignee, null, 0);
        }
    }

    /** Requests that went out and have no answer (waiting, or run out at their deadline). */
    private static final String OPEN_REQUESTS = "FROM verification_request vr WHERE vr.case_id = rc.case_id"
            + " AND vr.sent_at IS NOT NULL AND vr.answered_at IS NULL";

    /**
     * A request still waiting for its answer: its case waits for verification (the process is
     * in the verification sub-process, with no user task) for as long as one is left. The one
     * definition of "waiting for verification", for the inbox's tab and for who may open the case.
     */
    static final String AWAITING_ANSWER =
            "vr.sent_at IS NOT NULL AND vr.answered_at IS NULL AND vr.no_answer_at IS NULL";

    /** A case waiting for verification, as the page query finds it. */
    record WaitingRow(
            UUID caseId,
            String processInstanceId,
            int round,
            Instant sentAt,
            int requests,
            int answered,
            int outstanding,
            int overdue,
            @Nullable Instant due) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    /** @param clock the engine's clock, on which deadlines run out */
    InboxQuery(JdbcClient jdbc, EngineClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Row> page(StaffMember member, int page, int pageSize) {
        return page(member, InboxFilter.everything(), page, pageSize);
    }

    List<Row> page(StaffMember member, InboxFilter filter, int page, int pageSize) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Object> params = new ArrayList<>();
        params.add(now);
        String where =
                where(member, params) + tab(filter.tab(), member, params) + filters(filter, "t.proc_inst_id_", params);
        params.add(pageSize);
        params.add((long) page * pageSize);
        return jdbc.sql("SELECT t.id_, t.task_def_key_, t.assignee_, t.create_time_, t.proc_inst_id_, rc.case_id,"
                        + " (SELECT MIN(vr.deadline) " + OPEN_REQUESTS + ") AS due,"
                        + " (SELECT COUNT(*) " + OPEN_REQUESTS
                        + " AND (vr.no_answer_at IS NOT NULL OR vr.deadline < ?)) AS overdue "
                        + where + " ORDER BY " + order(filter) + " LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> {
                    OffsetDateTime due = rs.getObject(7, OffsetDateTime.class);
                    return new Row(
                            rs.getString(1),
                            TaskKind.ofActivity(rs.getString(2)),
                            rs.getObject(6, UUID.class),
                            rs.getString(5),
                            rs.getTimestamp(4),
                            rs.getString(3),
                            due == null ? null : due.toInstant(),
                            rs.getInt(8));
                })
                .list();
    }

    long count(StaffMember member) {
        return counts(member, InboxFilter.everything()).get(InboxTab.ALL);
    }

    /** How many tasks each tab holds under the filter's stage, findings and due conditions: one query. */
    Map<InboxTab, Long> counts(StaffMember member, InboxFilter filter) {
        List<Object> params = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT COUNT(*)");
        for (InboxTab tab : List.of(InboxTab.MINE, InboxTab.CLAIMABLE, InboxTab.DECISIONS)) {
            select.append(", SUM(CASE WHEN 1 = 1")
                    .append(tab(tab, member, params))
                    .append(" THEN 1 ELSE 0 END)");
        }
        select.append(", (SELECT COUNT(*) ")
                .append(waitingWhere(member, filter, params))
                .append(')');
        String where = where(member, params) + filters(filter, "t.proc_inst_id_", params);
        return jdbc.sql(select + " " + where).params(params).query(rs -> {
            rs.next();
            Map<InboxTab, Long> counts = new EnumMap<>(InboxTab.class);
            counts.put(InboxTab.ALL, rs.getLong(1));
            counts.put(InboxTab.MINE, rs.getLong(2));
            counts.put(InboxTab.CLAIMABLE, rs.getLong(3));
            counts.put(InboxTab.DECISIONS, rs.getLong(4));
            counts.put(InboxTab.WAITING, rs.getLong(5));
            return counts;
        });
    }

    /**
     * One page of the cases waiting for verification that a reviewer sees (every reviewer: nobody
     * holds a case while outside parties answer), with the counts of their current round.
     */
    List<WaitingRow> waitingPage(StaffMember member, InboxFilter filter, int page, int pageSize) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Object> params = new ArrayList<>(List.of(now, now));
        String where = waitingWhere(member, filter, params);
        params.add(pageSize);
        params.add((long) page * pageSize);
        // The round waited on is the newest round with a request still waiting; earlier rounds are complete.
        return jdbc.sql("SELECT rc.case_id, rc.process_instance_id, r.round, MIN(r.sent_at) AS sent,"
                        + " COUNT(*) AS requests, COUNT(r.answered_at) AS answered,"
                        + " SUM(CASE WHEN r.answered_at IS NULL AND r.no_answer_at IS NULL AND r.deadline >= ?"
                        + " THEN 1 ELSE 0 END) AS outstanding,"
                        + " SUM(CASE WHEN r.answered_at IS NULL AND (r.no_answer_at IS NOT NULL OR r.deadline < ?)"
                        + " THEN 1 ELSE 0 END) AS overdue,"
                        + " MIN(CASE WHEN r.answered_at IS NULL THEN r.deadline END) AS due"
                        + " FROM verification_request r JOIN (SELECT rc.case_id, rc.process_instance_id,"
                        + " (SELECT MAX(vr.round) FROM verification_request vr WHERE vr.case_id = rc.case_id AND "
                        + AWAITING_ANSWER + ") AS round " + where + ") rc"
                        + " ON r.case_id = rc.case_id AND r.round = rc.round AND r.sent_at IS NOT NULL"
                        + " GROUP BY rc.case_id, rc.process_instance_id, r.round"
                        + " ORDER BY " + waitingOrder(filter) + " LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> {
                    OffsetDateTime due = rs.getObject(9, OffsetDateTime.class);
                    return new WaitingRow(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getInt(5),
                            rs.getInt(6),
                            rs.getInt(7),
                            rs.getInt(8),
                            due == null ? null : due.toInstant());
                })
                .list();
    }

    /** True if the case waits for the answers of outside parties. */
    boolean waitingForVerification(UUID caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM verification_request vr WHERE vr.case_id = ? AND " + AWAITING_ANSWER)
                        .param(caseId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * {@code FROM review_case rc WHERE ...}: the cases waiting for verification the member sees
     * under the filter. A stage filter names a kind of task, which these cases have none of.
     */
    private static String waitingWhere(StaffMember member, InboxFilter filter, List<Object> params) {
        // Driven by the few requests that wait (a partial index on PostgreSQL), not by every case.
        StringBuilder sql = new StringBuilder("FROM review_case rc WHERE rc.case_id IN (SELECT vr.case_id")
                .append(" FROM verification_request vr WHERE ")
                .append(AWAITING_ANSWER)
                .append(')');
        if (!member.has(TaskKind.PREPARE_VERIFICATION.role()) || filter.stage() != null) {
            sql.append(" AND 1 = 0");
        }
        return sql.append(filters(filter.on(InboxTab.WAITING), "rc.process_instance_id", params))
                .toString();
    }

    private static String waitingOrder(InboxFilter filter) {
        return switch (filter.sort()) {
            case NEWEST -> "sent DESC, rc.case_id";
            case OLDEST -> "sent, rc.case_id";
            default -> "due ASC NULLS LAST, rc.case_id";
        };
    }

    /** What a member may see at all: tasks they hold, and tasks of their roles the four-eyes rule leaves them. */
    private static String where(StaffMember member, List<Object> params) {
        List<String> kinds = kinds(member);
        StringBuilder sql = new StringBuilder(
                "FROM act_ru_task t JOIN review_case rc ON rc.process_instance_id = t.proc_inst_id_ WHERE (t.assignee_ = ?");
        params.add(member.username());
        if (!kinds.isEmpty()) {
            sql.append(" OR t.task_def_key_ IN (").append(placeholders(kinds)).append(')');
            params.addAll(kinds);
        }
        sql.append(") AND NOT (t.task_def_key_ = ? AND ")
                .append(FourEyesRule.excludedSql("rc.case_id"))
                .append(')');
        params.add(TaskKind.EDITORIAL_DECISION.activityId());
        params.add(member.username());
        return sql.toString();
    }

    /** The tab's condition, as {@code AND ...} (nothing for all). */
    private static String tab(InboxTab tab, StaffMember member, List<Object> params) {
        switch (tab) {
            case MINE -> {
                params.add(member.username());
                return " AND t.assignee_ = ?";
            }
            case CLAIMABLE -> {
                List<String> kinds = kinds(member);
                if (kinds.isEmpty()) {
                    return " AND 1 = 0";
                }
                params.addAll(kinds);
                return " AND t.assignee_ IS NULL AND t.task_def_key_ IN (" + placeholders(kinds) + ")";
            }
            case DECISIONS -> {
                params.add(TaskKind.EDITORIAL_DECISION.activityId());
                return " AND t.task_def_key_ = ?";
            }
            case WAITING -> {
                return " AND 1 = 0";
            }
            default -> {
                return "";
            }
        }
    }

    /** The filters as {@code AND ...}; {@code processInstance} is the column of the case's process instance. */
    private static String filters(InboxFilter filter, String processInstance, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (filter.stage() != null && filter.tab() != InboxTab.WAITING) {
            sql.append(" AND t.task_def_key_ = ?");
            params.add(filter.stage().activityId());
        }
        if (filter.withFindings()) {
            sql.append(" AND EXISTS (SELECT 1 FROM act_ru_variable v WHERE v.proc_inst_id_ = ")
                    .append(processInstance)
                    .append(" AND v.execution_id_ = ")
                    .append(processInstance)
                    .append(" AND v.name_ = ? AND v.long_ > 0)");
            params.add(ProcessVariables.DOCUMENTS_WITH_FINDINGS);
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND EXISTS (SELECT 1 ").append(OPEN_REQUESTS).append(" AND vr.deadline < ?)");
            params.add(OffsetDateTime.ofInstant(filter.dueBefore(), ZoneOffset.UTC));
        }
        return sql.toString();
    }

    private static String order(InboxFilter filter) {
        return switch (filter.sort()) {
            case NEWEST -> "t.create_time_ DESC, t.id_ DESC";
            case DUE -> "due ASC NULLS LAST, t.create_time_, t.id_";
            default -> "t.create_time_, t.id_";
        };
    }

    private static List<String> kinds(StaffMember member) {
        List<String> kinds = new ArrayList<>();
        for (TaskKind kind : TaskKind.values()) {
            if (member.has(kind.role())) {
                kinds.add(kind.activityId());
            }
        }
        return kinds;
    }

    private static String placeholders(List<?> values) {
        return String.join(", ", values.stream().map(v -> "?").toList());
    }
}
