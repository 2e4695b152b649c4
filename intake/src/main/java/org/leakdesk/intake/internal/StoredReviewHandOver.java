package org.leakdesk.intake.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.leakdesk.intake.FollowUpReceived;
import org.leakdesk.intake.ReviewHandOver;
import org.leakdesk.intake.SubmissionReceived;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The table {@code intake_handover}: rows are taken with {@code FOR UPDATE SKIP LOCKED}, so a row
 * one node holds is invisible to the others until that node commits (and deletes it) or rolls back.
 */
final class StoredReviewHandOver implements ReviewHandOver {

    private record Row(UUID id, UUID submissionId, @Nullable UUID followUpId, int fileCount, Instant arrivedAt) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StoredReviewHandOver(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public int handOverSubmissions(int most, Duration retryAfter, Consumer<SubmissionReceived> start) {
        UUID[] failed = {null};
        try {
            Integer handedOver = transactions.execute(status -> {
                List<Row> rows = next(false, most);
                for (Row row : rows) {
                    failed[0] = row.id();
                    start.accept(new SubmissionReceived(row.submissionId(), row.fileCount(), row.arrivedAt()));
                }
                failed[0] = null;
                delete(rows);
                return rows.size();
            });
            return handedOver == null ? 0 : handedOver;
        } catch (RuntimeException e) {
            if (failed[0] != null) {
                UUID id = failed[0];
                try {
                    transactions.executeWithoutResult(status -> lease(id, retryAfter));
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        }
    }

    @Override
    public boolean handOverNextFollowUp(Duration lease, Consumer<FollowUpReceived> take) {
        Optional<Row> next = transactions.execute(status -> {
            Optional<Row> row = next(true, 1).stream().findFirst();
            row.ifPresent(found -> lease(found.id(), lease));
            return row;
        });
        if (next == null || next.isEmpty()) {
            return false;
        }
        Row row = next.get();
        take.accept(new FollowUpReceived(
                row.submissionId(),
                java.util.Objects.requireNonNull(row.followUpId()),
                row.fileCount(),
                row.arrivedAt()));
        transactions.executeWithoutResult(status -> delete(List.of(row)));
        return true;
    }

    @Override
    public long awaiting() {
        return jdbc.sql("SELECT COUNT(*) FROM intake_handover")
                .query(Long.class)
                .single();
    }

    private List<Row> next(boolean followUp, int most) {
        return jdbc.sql("""
                        SELECT id, submission_id, follow_up_id, file_count, arrived_at FROM intake_handover
                        WHERE follow_up_id IS %s NULL AND (leased_until IS NULL OR leased_until < ?)
                        ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED""".formatted(followUp ? "NOT" : ""))
                .param(utc(clock.instant()))
                .param(most)
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    private void lease(UUID id, Duration duration) {
        jdbc.sql("UPDATE intake_handover SET leased_until = ? WHERE id = ?")
                .params(utc(clock.instant().plus(duration)), id)
                .update();
    }

    private void delete(List<Row> rows) {
        if (!rows.isEmpty()) {
            jdbc.sql("DELETE FROM intake_handover WHERE id IN (:ids)")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
