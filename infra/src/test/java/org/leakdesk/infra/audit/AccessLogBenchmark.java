package org.leakdesk.infra.audit;

import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.testing.TestAccessAction;
import org.leakdesk.infra.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends per second with 1 and 8 writers (each append in a transaction of its own, sealed
 * before the clock stops) and the time to verify a log of a million entries with a checkpoint
 * (infra/scripts/benchmark-access-log runs it on a fresh database; not part of the test suite).
 * Prints {@code key=value} lines.
 */
public final class AccessLogBenchmark {

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "leakdesk_audit_bench";
        int verifyEntries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String app = System.getenv().getOrDefault("LEAKDESK_TEST_PGAPPUSER", "leakdesk_app");
        Flyway.configure()
                .dataSource(TestDatabase.jdbcUrl(database), TestDatabase.user(), TestDatabase.password())
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .placeholders(Map.of("leakdesk_app_role", app))
                .load()
                .migrate();
        Path folder = Files.createTempDirectory("access-log-bench");
        try (StandaloneAccessLog standalone = new StandaloneAccessLog(database, folder, 10)) {
            run(standalone, verifyEntries);
        }
    }

    private static void run(StandaloneAccessLog standalone, int verifyEntries) throws Exception {
        JdbcTemplate jdbc = standalone.jdbc;
        JdbcAccessLog log = standalone.log;
        Sealer sealer = standalone.sealer;
        TransactionTemplate transaction = standalone.transaction;

        appends(log, sealer, transaction, 1, 2_000); // warm-up
        System.out.printf("appends_per_s_1_writer=%.0f%n", appends(log, sealer, transaction, 1, 3_000));
        System.out.printf("appends_per_s_8_writers=%.0f%n", appends(log, sealer, transaction, 8, 16_000));

        long existing = jdbc.queryForObject("SELECT COUNT(*) FROM access_log", Long.class);
        fill(standalone.pool, jdbc, verifyEntries - existing);
        long start = System.nanoTime();
        standalone.checkpointer.checkpoint();
        System.out.printf("checkpoint_s=%.2f%n", (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        ChainVerification verification = standalone.verifier.verify();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "verify_entries=%d verify_intact=%s verify_s=%.2f%n",
                verification.entriesChecked(), verification.intact(), seconds);
    }

    private static double appends(
            JdbcAccessLog log, Sealer sealer, TransactionTemplate transaction, int writers, int total)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < total / writers; i++) {
                    transaction.executeWithoutResult(status ->
                            log.record(new AccessRecord("bench", TestAccessAction.CASE_VIEWED, "case", "bench")));
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        sealer.sealOutstanding();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return total / seconds;
    }

    /** Continues the chain with {@code count} valid entries through COPY: a big log in seconds. */
    private static void fill(HikariDataSource pool, JdbcTemplate jdbc, long count) throws Exception {
        Map<String, Object> tail =
                jdbc.queryForMap("SELECT sequence, entry_hash FROM access_log ORDER BY sequence DESC LIMIT 1");
        long sequence = (Long) tail.get("sequence");
        byte[] previous = (byte[]) tail.get("entry_hash");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        HexFormat hex = HexFormat.of();
        try (Connection connection = pool.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (long done = 0; done < count; ) {
                StringBuilder rows = new StringBuilder();
                for (int i = 0; i < 50_000 && done < count; i++, done++) {
                    sequence++;
                    byte[] hash = ChainHash.chain(
                            previous, ChainHash.encode(sequence, at, "bench", "CASE_VIEWED", "case", "filled"));
                    rows.append(sequence)
                            .append('\t')
                            .append(at)
                            .append("\tbench\tCASE_VIEWED\tcase\tfilled\t\\\\x")
                            .append(hex.formatHex(previous))
                            .append("\t\\\\x")
                            .append(hex.formatHex(hash))
                            .append('\n');
                    previous = hash;
                }
                copy.copyIn(
                        "COPY access_log (sequence, recorded_at, actor, action, subject, detail, previous_hash, entry_hash) FROM STDIN",
                        new StringReader(rows.toString()));
            }
        }
    }
}
