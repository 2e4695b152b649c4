package org.leakdesk.intake.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    public boolean handOverNextSubmission(Duration retryAfter, Consumer<SubmissionReceived> start) {
        UUID[] failed = {null};
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                Optional<Row> next = next(false);
                next.ifPresent(row -> {
                    failed[0] = row.id();
                    start.accept(new SubmissionReceived(row.submissionId(), row.fileCount(), row.arrivedAt()));
                    delete(row.id());
                    failed[0] = null;
                });
                return next.isPresent();
            }));
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
            Optional<Row> row = next(true);
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
        transactions.executeWithoutResult(status -> delete(row.id()));
        return true;
    }

    @Override
    public long awaiting() {
        return jdbc.sql("SELECT COUNT(*) FROM intake_handover")
                .query(Long.class)
                .single();
    }

    private Optional<Row> next(boolean followUp) {
        return jdbc.sql("""
                        SELECT id, submission_id, follow_up_id, file_count, arrived_at FROM intake_handover
                        WHERE follow_up_id IS %s NULL AND (leased_until IS NULL OR leased_until < ?)
                        ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED""".formatted(followUp ? "NOT" : ""))
                .param(utc(clock.instant()))
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .optional();
    }

    private void lease(UUID id, Duration duration) {
        jdbc.sql("UPDATE intake_handover SET leased_until = ? WHERE id = ?")
                .params(utc(clock.instant().plus(duration)), id)
                .update();
    }

    private void delete(UUID id) {
        jdbc.sql("DELETE FROM intake_handover WHERE id = ?").param(id).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
