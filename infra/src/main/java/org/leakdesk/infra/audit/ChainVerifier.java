package org.leakdesk.infra.audit;

import java.util.List;
import org.leakdesk.infra.ChainVerification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The auditor's check of the access log in the database: one pass over the sealed entries in a
 * single REPEATABLE READ snapshot (so entries sealed meanwhile are neither half-seen nor reported
 * missing), through {@link LogCheck}, which names the first entry that fails.
 */
final class ChainVerifier {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Witness witness;
    private final CheckpointPublicKey key;

    ChainVerifier(
            JdbcTemplate jdbc, PlatformTransactionManager transactions, Witness witness, CheckpointPublicKey key) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.witness = witness;
        this.key = key;
    }

    ChainVerification verify() {
        LogCheck check = LogCheck.start(witness, key, List.of(), true);
        if (check.failed()) {
            return check.result();
        }
        snapshot.executeWithoutResult(status -> jdbc.query(
                con -> {
                    var statement = con.prepareStatement(
                            "SELECT " + StoredEntry.COLUMNS + " FROM access_log ORDER BY sequence");
                    // Streams in a transaction instead of holding a million rows in memory.
                    statement.setFetchSize(10_000);
                    return statement;
                },
                rs -> {
                    if (!check.failed()) {
                        check.accept(StoredEntry.read(rs));
                    }
                }));
        return check.result();
    }
}
