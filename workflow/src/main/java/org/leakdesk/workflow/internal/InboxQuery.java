package org.leakdesk.workflow.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.workflow.TaskKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One page of a member's open tasks, straight from the engine's task table joined with {@code
 * review_case}: Camunda's task query can neither page after the four-eyes filter nor join our
 * tables. The roles decide by task kind (each user task has one candidate group, see {@link
 * TaskKind#role()}); the four-eyes condition comes from {@link FourEyesRule}.
 */
@Component
class InboxQuery {

    /** A task as the page query finds it. */
    record Row(
            String taskId,
            TaskKind kind,
            UUID caseId,
            String processInstanceId,
            Timestamp created,
            @Nullable String assignee) {}

    private final JdbcClient jdbc;

    InboxQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> page(StaffMember member, int page, int pageSize) {
        List<Object> params = new ArrayList<>();
        String where = where(member, params);
        params.add(pageSize);
        params.add((long) page * pageSize);
        return jdbc.sql("SELECT t.id_, t.task_def_key_, t.assignee_, t.create_time_, t.proc_inst_id_, rc.case_id "
                        + where + " ORDER BY t.create_time_, t.id_ LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> new Row(
                        rs.getString(1),
                        TaskKind.ofActivity(rs.getString(2)),
                        rs.getObject(6, UUID.class),
                        rs.getString(5),
                        rs.getTimestamp(4),
                        rs.getString(3)))
                .list();
    }

    long count(StaffMember member) {
        List<Object> params = new ArrayList<>();
        String where = where(member, params);
        return jdbc.sql("SELECT COUNT(*) " + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    private static String where(StaffMember member, List<Object> params) {
        List<String> kinds = new ArrayList<>();
        for (TaskKind kind : TaskKind.values()) {
            if (member.has(kind.role())) {
                kinds.add(kind.activityId());
            }
        }
        StringBuilder sql = new StringBuilder(
                "FROM act_ru_task t JOIN review_case rc ON rc.process_instance_id = t.proc_inst_id_ WHERE (t.assignee_ = ?");
        params.add(member.username());
        if (!kinds.isEmpty()) {
            sql.append(" OR t.task_def_key_ IN (")
                    .append(String.join(", ", kinds.stream().map(k -> "?").toList()))
                    .append(')');
            params.addAll(kinds);
        }
        sql.append(") AND NOT (t.task_def_key_ = ? AND ")
                .append(FourEyesRule.excludedSql("rc.case_id"))
                .append(')');
        params.add(TaskKind.EDITORIAL_DECISION.activityId());
        params.add(member.username());
        return sql.toString();
    }
}
