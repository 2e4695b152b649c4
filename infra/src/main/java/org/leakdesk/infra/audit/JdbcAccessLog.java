package org.leakdesk.infra.audit;

import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log in table {@code access_log}. Appends are serialised on the single row of {@code
 * access_log_head} (locked with {@code SELECT ... FOR UPDATE}), so sequence numbers have no gaps
 * and each entry hashes its predecessor's hash. Entries recorded inside a transaction are
 * appended just before it commits.
 */
final class JdbcAccessLog implements AccessLog {

    private static final int MAX_TEXT = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate independent;
    private final Clock clock;

    JdbcAccessLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void record(AccessRecord entry) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            recordNow(entry);
            return;
        }
        // Appended just before the caller's commit, in its transaction: atomic with the change,
        // and the head row is locked only at the very end, so a recordNow() earlier in the same
        // transaction (which appends in a transaction of its own) cannot wait on our lock.
        @SuppressWarnings("unchecked")
        List<AccessRecord> pending = (List<AccessRecord>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<AccessRecord> batch = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    batch.forEach(JdbcAccessLog.this::append);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcAccessLog.this);
                }
            });
            pending = batch;
        }
        pending.add(entry);
    }

    @Override
    public void recordNow(AccessRecord entry) {
        independent.executeWithoutResult(status -> append(entry));
    }

    private void append(AccessRecord entry) {
        record Head(long sequence, byte[] hash) {}
        Head head = jdbc.sql("SELECT last_sequence, last_hash FROM access_log_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
                .single();
        long sequence = head.sequence() + 1;
        // Stored with microsecond precision by both databases: hash exactly what is stored.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String subject = clip(entry.subject());
        String detail = clip(entry.detail());
        byte[] hash = ChainHash.of(head.hash(), sequence, at, entry.actor(), entry.action(), subject, detail);
        jdbc.sql("""
                        INSERT INTO access_log (sequence, recorded_at, actor, action, subject, detail, previous_hash, entry_hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        sequence,
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        clip(entry.actor()),
                        entry.action().name(),
                        subject,
                        detail,
                        head.hash(),
                        hash)
                .update();
        jdbc.sql("UPDATE access_log_head SET last_sequence = ?, last_hash = ? WHERE id = 1")
                .params(sequence, hash)
                .update();
    }

    private static @Nullable String clip(@Nullable String value) {
        return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }

    @Override
    public List<AccessLogEntry> entries(AccessLogQuery query) {
        StringBuilder sql = new StringBuilder(
                "SELECT sequence, recorded_at, actor, action, subject, detail, entry_hash FROM access_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action().name());
        }
        if (query.subject() != null) {
            sql.append(" AND subject = ?");
            params.add(query.subject());
        }
        sql.append(" ORDER BY sequence DESC LIMIT ").append(query.limit());
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> entry(rs))
                .list();
    }

    @Override
    public ChainVerification verify() {
        AtomicReference<byte[]> previous = new AtomicReference<>(ChainHash.GENESIS);
        long[] expected = {1};
        ChainVerification[] failure = {null};
        jdbc.sql("""
                        SELECT sequence, recorded_at, actor, action, subject, detail, entry_hash, previous_hash
                        FROM access_log ORDER BY sequence""").query(rs -> {
            if (failure[0] != null) {
                return;
            }
            AccessLogEntry entry = entry(rs);
            byte[] storedPrevious = rs.getBytes("previous_hash");
            String problem = null;
            if (entry.sequence() != expected[0]) {
                problem = "entry " + expected[0] + " is missing";
            } else if (!MessageDigest.isEqual(storedPrevious, previous.get())) {
                problem = "its link to the previous entry was changed";
            } else {
                byte[] recomputed = ChainHash.of(
                        previous.get(),
                        entry.sequence(),
                        entry.recordedAt(),
                        entry.actor(),
                        entry.action(),
                        entry.subject(),
                        entry.detail());
                if (!MessageDigest.isEqual(recomputed, entry.entryHash())) {
                    problem = "its content does not match its hash";
                }
            }
            if (problem != null) {
                failure[0] = new ChainVerification(expected[0] - 1, Math.min(entry.sequence(), expected[0]), problem);
                return;
            }
            previous.set(entry.entryHash());
            expected[0]++;
        });
        if (failure[0] != null) {
            return failure[0];
        }
        long checked = expected[0] - 1;
        byte[] headHash = jdbc.sql("SELECT last_hash FROM access_log_head WHERE id = 1")
                .query((rs, n) -> rs.getBytes(1))
                .single();
        if (!MessageDigest.isEqual(headHash, previous.get())) {
            return new ChainVerification(
                    checked,
                    checked + 1,
                    "entries after " + checked + " are missing (the chain head is "
                            + HexFormat.of().formatHex(headHash, 0, 8) + "…)");
        }
        return new ChainVerification(checked, null, null);
    }

    private static AccessLogEntry entry(ResultSet rs) throws SQLException {
        return new AccessLogEntry(
                rs.getLong("sequence"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"),
                AccessAction.valueOf(rs.getString("action")),
                rs.getString("subject"),
                rs.getString("detail"),
                rs.getBytes("entry_hash"));
    }
}
