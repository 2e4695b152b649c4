package org.leakdesk.infra.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessActions;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log in PostgreSQL (or H2). An entry is inserted into {@code access_log_pending} in
 * the caller's transaction; once that commits, the {@link Sealer} chains it into {@code
 * access_log}. Readers and the verifier see sealed entries: they seal what is waiting first.
 */
final class JdbcAccessLog implements AccessLog {

    private static final int MAX_TEXT = 1000;

    private final JdbcClient jdbc;
    private final AccessActions actions;
    private final TransactionTemplate independent;
    private final Sealer sealer;
    private final Checkpointer checkpointer;
    private final ChainVerifier verifier;
    private final Clock clock;

    JdbcAccessLog(
            JdbcClient jdbc,
            AccessActions actions,
            PlatformTransactionManager transactions,
            Sealer sealer,
            Checkpointer checkpointer,
            ChainVerifier verifier,
            Clock clock) {
        this.jdbc = jdbc;
        this.actions = actions;
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sealer = sealer;
        this.checkpointer = checkpointer;
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public void record(AccessRecord entry) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            recordNow(entry);
            return;
        }
        long id = insert(entry);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sealer.committed(id);
            }
        });
    }

    @Override
    public void recordNow(AccessRecord entry) {
        Long id = independent.execute(status -> insert(entry));
        sealer.committed(id);
    }

    private long insert(AccessRecord entry) {
        // Stored with microsecond precision by both databases, clipped to the columns' size: the
        // sealer hashes what it reads back, so what is stored is what is hashed.
        OffsetDateTime at = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO access_log_pending (recorded_at, actor, action, subject, detail)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(at, clip(entry.actor()), entry.action().name(), clip(entry.subject()), clip(entry.detail()))
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }

    private static @Nullable String clip(@Nullable String value) {
        return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
    }

    @Override
    public List<AccessLogEntry> entries(AccessLogQuery query) {
        sealer.sealCommitted();
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
                .query((rs, n) -> StoredEntry.entry(rs, actions::byName))
                .list();
    }

    @Override
    public ChainVerification verify() {
        sealer.sealOutstanding();
        return verifier.verify();
    }

    @Override
    public OptionalLong checkpoint() {
        return checkpointer.checkpoint().map(c -> OptionalLong.of(c.size())).orElse(OptionalLong.empty());
    }
}
