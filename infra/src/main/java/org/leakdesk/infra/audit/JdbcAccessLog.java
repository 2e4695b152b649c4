package org.leakdesk.infra.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessActions;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.InfraAccessAction;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate snapshot;
    private final AccessActions actions;
    private final TransactionTemplate independent;
    private final Sealer sealer;
    /** The next three are null in a source-only process, which only adds entries. */
    private final @Nullable Checkpointer checkpointer;

    private final Witness witness;
    private final @Nullable ChainVerifier verifier;
    private final @Nullable CheckpointPublicKey publicKey;
    private final Clock clock;

    JdbcAccessLog(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            AccessActions actions,
            PlatformTransactionManager transactions,
            Sealer sealer,
            @Nullable Checkpointer checkpointer,
            Witness witness,
            @Nullable ChainVerifier verifier,
            @Nullable CheckpointPublicKey publicKey,
            Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.actions = actions;
        // Exports read one consistent snapshot, however long they stream.
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.independent = new TransactionTemplate(transactions);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sealer = sealer;
        this.checkpointer = checkpointer;
        this.witness = witness;
        this.verifier = verifier;
        this.publicKey = publicKey;
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
        List<Object> params = new ArrayList<>();
        String where = where(query, params, true);
        return jdbc.sql("SELECT " + StoredEntry.COLUMNS + " FROM access_log" + where + " ORDER BY sequence DESC LIMIT "
                        + query.limit())
                .params(params)
                .query((rs, n) -> StoredEntry.read(rs, actions::byName))
                .list();
    }

    @Override
    public void export(AccessLogQuery query, Consumer<AccessLogEntry> sink) {
        sealer.sealCommitted();
        List<Object> params = new ArrayList<>();
        String where = where(query, params, false);
        snapshot.executeWithoutResult(status -> jdbcTemplate.query(
                con -> {
                    var statement = con.prepareStatement(
                            "SELECT " + StoredEntry.COLUMNS + " FROM access_log" + where + " ORDER BY sequence");
                    statement.setFetchSize(10_000);
                    for (int i = 0; i < params.size(); i++) {
                        statement.setObject(i + 1, params.get(i));
                    }
                    return statement;
                },
                rs -> {
                    sink.accept(StoredEntry.read(rs, actions::byName));
                }));
    }

    /** A WHERE clause for the query's filters (and its page, if asked), its values added to {@code params}. */
    private static String where(AccessLogQuery query, List<Object> params, boolean paged) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
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
        if (query.from() != null) {
            sql.append(" AND recorded_at >= ?");
            params.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" AND recorded_at < ?");
            params.add(query.to().atOffset(ZoneOffset.UTC));
        }
        if (paged && query.before() != null) {
            sql.append(" AND sequence < ?");
            params.add(query.before());
        }
        return sql.toString();
    }

    @Override
    public ChainVerification verify() {
        ChainVerifier chain = staffSide(verifier);
        sealer.sealOutstanding();
        return chain.verify();
    }

    @Override
    public ChainVerification verify(String auditor) {
        ChainVerification verification = verify();
        recordNow(new AccessRecord(
                auditor,
                InfraAccessAction.ACCESS_LOG_VERIFIED,
                null,
                verification.intact()
                        ? verification.entriesChecked() + " entries and " + verification.checkpointsChecked()
                                + " checkpoints intact"
                        : "altered: first bad entry " + verification.firstBadSequence() + " (" + verification.problem()
                                + ")"));
        return verification;
    }

    @Override
    public Optional<AccessLogEntry> lastVerification() {
        List<AccessLogEntry> newest = entries(new AccessLogQuery(null, InfraAccessAction.ACCESS_LOG_VERIFIED, null, 1));
        return newest.stream().findFirst();
    }

    @Override
    public Optional<String> checkpointCovering(long sequence) {
        Optional<Checkpoint> covering = witness.checkpoints().stream()
                .filter(checkpoint -> checkpoint.size() >= sequence)
                .findFirst();
        if (covering.isEmpty() && sequence > 0) {
            staffSide(checkpointer).checkpoint();
            covering = witness.checkpoints().stream()
                    .filter(checkpoint -> checkpoint.size() >= sequence)
                    .findFirst();
        }
        return covering.map(Checkpoint::text);
    }

    @Override
    public Optional<String> inclusionProof(long sequence) {
        if (sequence < 1 || checkpointCovering(sequence).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(InclusionProof.of(witness, sequence).text());
    }

    @Override
    public CheckpointSigner checkpointSigner() {
        CheckpointPublicKey key = staffSide(publicKey);
        return new CheckpointSigner(key.text().strip(), key.id());
    }

    @Override
    public OptionalLong checkpoint() {
        return staffSide(checkpointer)
                .checkpoint()
                .map(c -> OptionalLong.of(c.size()))
                .orElse(OptionalLong.empty());
    }

    /**
     * What only a staff or worker process holds: a source-only process, the one exposed to the
     * public, has no checkpoint key, so it can add entries but neither sign nor verify.
     */
    private static <T> T staffSide(@Nullable T part) {
        if (part == null) {
            throw new IllegalStateException(
                    "A source-only process only adds entries to the access log; check and checkpoint it on a staff"
                            + " or worker process");
        }
        return part;
    }
}
