package org.leakdesk.infra.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed entries from {@code access_log_pending} into the chain in {@code access_log}.
 *
 * <p>Why a sealer: if every append extended the chain itself, every transaction that records an
 * entry would hold one lock from its append to its commit, and appends would run one commit
 * after another (about 370/s here). Callers only insert into the pending table, which takes no
 * shared lock; this one appender then gives committed entries their gapless sequence, chain hash
 * and place in the Merkle tree, many per transaction: it starts a short while (the gathering
 * delay) after the first entry it has not sealed, so that under load one transaction seals what
 * many transactions committed meanwhile rather than one each. The chain is exact because only committed
 * entries are sealed, each once (pending_id is unique), and a sealer that lost a race with
 * another instance (duplicate sequence) rereads the chain's tail and tries again.
 *
 * <p>A source-only process seals nothing: its database role may add pending entries but read
 * neither table, so that the public-facing process cannot read the log. Staff and worker processes
 * seal what it wrote ({@link #sealCommitted()} every few seconds and before every read,
 * {@link #sealOutstanding()} at each checkpoint).
 */
final class Sealer {

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);
    private static final int BATCH = 1000;
    private static final long RECENT_SLACK = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transaction;
    private final ScheduledExecutorService background;
    private final long gatherMillis;
    private final Queue<Long> committed = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final boolean sealsHere;
    private @Nullable Tail tail;
    /** Entries this process has sealed into the chain since it started. */
    private final AtomicLong sealedHere = new AtomicLong();
    /** Pending entries at or below this were sealed when {@link #sealCommitted()} last looked (stragglers aside). */
    private long recentMark;

    private record Tail(long sequence, byte[] hash) {}

    /**
     * @param gather how long it waits after an entry before sealing, for more to seal with it;
     *     readers of the log seal first, so they never wait for it
     * @param sealsHere false in a process that only adds entries (a source-only process)
     */
    Sealer(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions, Duration gather, boolean sealsHere) {
        this.sealsHere = sealsHere;
        this.gatherMillis = gather.toMillis();
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        ScheduledThreadPoolExecutor thread =
                new ScheduledThreadPoolExecutor(1, task -> AuditConfiguration.daemon("access-log-sealer", task));
        // What a seal still waiting would have sealed, the closing process seals itself (sealBeforeStop).
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.background = thread;
    }

    /** Called after the transaction that wrote pending entry {@code id} committed. */
    void committed(long id) {
        if (!sealsHere) {
            return;
        }
        committed.add(id);
        if (scheduled.compareAndSet(false, true)) {
            background.schedule(this::sealInBackground, gatherMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sealInBackground() {
        scheduled.set(false);
        try {
            sealCommitted();
        } catch (RuntimeException e) {
            // The entries stay pending and are sealed by the next sweep (sealOutstanding).
            log.warn("Sealing access log entries failed; they will be sealed by the next sweep", e);
        }
    }

    /** Stops the background sealing thread (after {@link #sealBeforeStop()}). */
    void stopBackground() {
        background.shutdown();
    }

    /** At shutdown: seals what this process committed; what fails stays pending for a sweep. */
    void sealBeforeStop() {
        try {
            sealCommitted();
        } catch (RuntimeException e) {
            log.warn("Sealing access log entries at shutdown failed; the next sweep seals them", e);
        }
    }

    /**
     * Seals every committed entry it can see that is not in the chain yet: those this process
     * reported committed, and those other processes committed since the last look (a source-only
     * process seals none, and another worker's seal may still be waiting for its delay). All are
     * sealed in the order they were written (pending id), so the chain keeps cause before effect
     * across processes: an entry committed before another transaction began (metadata extracted,
     * then the triage task claimed) has the lower id. An entry that commits long after entries with
     * higher ids were sealed is left to {@link #sealOutstanding()} at the next checkpoint.
     */
    synchronized void sealCommitted() {
        if (sealsHere) {
            sealUnsealedAbove(recentMark);
        }
    }

    /**
     * Seals every pending entry that is not in the chain yet, also those whose commit was never
     * reported (a crash after commit, another instance): at start, before each checkpoint and
     * before a verification.
     */
    synchronized void sealOutstanding() {
        if (sealsHere) {
            sealUnsealedAbove(0);
        }
    }

    /**
     * Seals, in pending-id order, the entries reported committed here and every committed entry
     * above {@code mark} that is not in the chain yet.
     */
    private void sealUnsealedAbove(long mark) {
        TreeSet<Long> ids = new TreeSet<>();
        for (Long id = committed.poll(); id != null; id = committed.poll()) {
            ids.add(id);
        }
        long newest = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM access_log_pending")
                .query(Long.class)
                .single();
        ids.addAll(jdbc.sql("""
                        SELECT p.id FROM access_log_pending p
                        WHERE p.id > ? AND NOT EXISTS (SELECT 1 FROM access_log a WHERE a.pending_id = p.id)
                        """).param(mark).query(Long.class).list());
        List<Long> ordered = new ArrayList<>(ids);
        for (int from = 0; from < ordered.size(); from += BATCH) {
            seal(ordered.subList(from, Math.min(ordered.size(), from + BATCH)));
        }
        // Some slack below the newest: entries whose transactions were still open may commit soon.
        recentMark = Math.max(recentMark, newest - RECENT_SLACK);
    }

    private void seal(List<Long> ids) {
        for (int attempt = 1; ; attempt++) {
            try {
                Sealed sealed = Objects.requireNonNull(transaction.execute(status -> sealInTransaction(ids)));
                // Remembered only once committed: a rolled-back seal must not move the tail.
                tail = sealed.tail();
                sealedHere.addAndGet(sealed.entries());
                return;
            } catch (DuplicateKeyException e) {
                // Another instance sealed first: start again from the chain's real tail.
                tail = null;
                if (attempt == 5) {
                    throw e;
                }
            } catch (RuntimeException e) {
                tail = null;
                throw e;
            }
        }
    }

    /** The chain's tail after a sealing transaction, and how many entries it added. */
    private record Sealed(Tail tail, int entries) {}

    /**
     * How many entries this process has sealed into the chain since it started; none in a process
     * that only adds entries.
     */
    long sealedHere() {
        return sealedHere.get();
    }

    private Sealed sealInTransaction(List<Long> ids) {
        List<Pending> pending =
                jdbc.sql("""
                        SELECT id, recorded_at, actor, action, subject, detail FROM access_log_pending p
                        WHERE id IN (:ids) AND NOT EXISTS (SELECT 1 FROM access_log a WHERE a.pending_id = p.id)
                        ORDER BY id""").param("ids", ids).query(Pending::read).list();
        Tail last = tail != null ? tail : readTail();
        if (pending.isEmpty()) {
            return new Sealed(last, 0);
        }
        List<Object[]> rows = new ArrayList<>(pending.size());
        for (Pending entry : pending) {
            long sequence = last.sequence() + 1;
            byte[] hash = ChainHash.chain(last.hash(), entry.encoded(sequence));
            rows.add(entry.row(sequence, last.hash(), hash));
            last = new Tail(sequence, hash);
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO access_log (sequence, recorded_at, actor, action, subject, detail, previous_hash, entry_hash, pending_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        return new Sealed(last, rows.size());
    }

    private Tail readTail() {
        return jdbc.sql("SELECT sequence, entry_hash FROM access_log ORDER BY sequence DESC LIMIT 1")
                .query((rs, n) -> new Tail(rs.getLong(1), rs.getBytes(2)))
                .optional()
                .orElse(new Tail(0, ChainHash.GENESIS));
    }

    private record Pending(
            long id,
            OffsetDateTime recordedAt,
            String actor,
            String action,
            @Nullable String subject,
            @Nullable String detail) {

        static Pending read(ResultSet rs, int row) throws SQLException {
            return new Pending(
                    rs.getLong("id"),
                    rs.getObject("recorded_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("subject"),
                    rs.getString("detail"));
        }

        byte[] encoded(long sequence) {
            return ChainHash.encode(sequence, recordedAt.toInstant(), actor, action, subject, detail);
        }

        Object[] row(long sequence, byte[] previousHash, byte[] hash) {
            return new Object[] {sequence, recordedAt, actor, action, subject, detail, previousHash, hash, id};
        }
    }
}
