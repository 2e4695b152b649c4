package org.leakdesk.infra.audit;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.leakdesk.infra.AccessActions;
import org.leakdesk.infra.AccessVocabulary;
import org.leakdesk.infra.testing.TestAccessAction;
import org.leakdesk.infra.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access log wired by hand, as the application wires it, over a migrated PostgreSQL database
 * and the application's role: for the benchmark and for processes a test kills.
 */
final class StandaloneAccessLog implements AutoCloseable {

    final HikariDataSource pool = new HikariDataSource();
    final JdbcTemplate jdbc;
    final Sealer sealer;
    final Checkpointer checkpointer;
    final ChainVerifier verifier;
    final JdbcAccessLog log;
    final TransactionTemplate transaction;

    StandaloneAccessLog(String database, Path folder, int connections) {
        this(database, folder, connections, true);
    }

    /** @param seals false for a process that only adds entries, as a source-only process does */
    StandaloneAccessLog(String database, Path folder, int connections, boolean seals) {
        this(database, folder, connections, seals, Duration.ofMillis(200));
    }

    /** @param sealDelay how long its sealer waits after an entry of its own before sealing */
    StandaloneAccessLog(String database, Path folder, int connections, boolean seals, Duration sealDelay) {
        pool.setJdbcUrl(TestDatabase.jdbcUrl(database));
        pool.setUsername(System.getenv().getOrDefault("LEAKDESK_TEST_PGAPPUSER", "leakdesk_app"));
        pool.setPassword(System.getenv().getOrDefault("LEAKDESK_TEST_PGAPPPASSWORD", "leakdesk_app"));
        pool.setMaximumPoolSize(connections);
        jdbc = new JdbcTemplate(pool);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
        Witness witness = new Witness(folder.resolve("witness"));
        CheckpointKey key = CheckpointKey.loadOrCreate(folder.resolve("key"), new SecureRandom());
        sealer = new Sealer(jdbc, transactions, sealDelay, seals);
        checkpointer = new Checkpointer(JdbcClient.create(jdbc), sealer, witness, key, Clock.systemUTC());
        verifier = new ChainVerifier(jdbc, transactions, witness, key.publicKey());
        log = new JdbcAccessLog(
                JdbcClient.create(jdbc),
                jdbc,
                new AccessActions(List.of(AccessVocabulary.of(TestAccessAction.class))),
                transactions,
                sealer,
                checkpointer,
                witness,
                verifier,
                key.publicKey(),
                Clock.systemUTC());
        transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void close() {
        sealer.stopBackground();
        pool.close();
    }
}
