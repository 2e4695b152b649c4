package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.testing.TestAccessAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
class AccessLogTest {

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditProperties properties;

    @Test
    void entriesAreChainedAndFoundByCase() {
        String caseId = UUID.randomUUID().toString();

        accessLog.recordNow(new AccessRecord("reviewer", TestAccessAction.CASE_VIEWED, caseId, "case page"));
        transactions.executeWithoutResult(status ->
                accessLog.record(new AccessRecord("editor", TestAccessAction.EDITORIAL_DECISION, caseId, "PUBLISH")));

        List<AccessLogEntry> entries = accessLog.entries(new AccessLogQuery(null, null, caseId, 10));
        assertThat(entries).extracting(AccessLogEntry::actor).containsExactly("editor", "reviewer");
        assertThat(entries.get(0).sequence()).isGreaterThan(entries.get(1).sequence());
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void anEntryRecordedInATransactionThatRollsBackIsNotWritten() {
        String caseId = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> {
            accessLog.record(AccessRecord.of("reviewer", TestAccessAction.TASK_CLAIMED, caseId));
            accessLog.recordNow(AccessRecord.of("reviewer", TestAccessAction.CASE_VIEWED, caseId));
            status.setRollbackOnly();
        });

        assertThat(accessLog.entries(new AccessLogQuery(null, null, caseId, 10)))
                .extracting(AccessLogEntry::action)
                .containsExactly(TestAccessAction.CASE_VIEWED);
        assertThat(accessLog.verify().intact()).isTrue();
    }

    /**
     * Nobody reads the log, yet committed entries reach the chain on their own; entries that
     * arrive within the gathering delay are sealed together, in one transaction (rows one
     * transaction inserted share its xmin), not one transaction each.
     */
    @Test
    void entriesCommittedTogetherAreSealedInTheBackgroundInFewTransactions() {
        String caseId = UUID.randomUUID().toString();
        int entries = 20;

        for (int i = 0; i < entries; i++) {
            accessLog.recordNow(AccessRecord.of("reviewer", TestAccessAction.CASE_VIEWED, caseId));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM access_log WHERE subject = ?")
                                .param(caseId)
                                .query(Long.class)
                                .single()
                        == entries);
        long transactions = jdbc.sql("SELECT COUNT(DISTINCT xmin::text) FROM access_log WHERE subject = ?")
                .param(caseId)
                .query(Long.class)
                .single();
        assertThat(properties.sealDelay()).isPositive();
        assertThat(transactions).isBetween(1L, (long) entries / 4);
    }

    /** The actor is clipped to its column before hashing: what is stored is what is hashed. */
    @Test
    void aLongActorIsHashedAsStored() {
        String caseId = UUID.randomUUID().toString();

        accessLog.recordNow(AccessRecord.of("x".repeat(1500), TestAccessAction.CASE_VIEWED, caseId));

        assertThat(accessLog
                        .entries(new AccessLogQuery(null, null, caseId, 1))
                        .get(0)
                        .actor())
                .hasSize(1000);
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void concurrentAppendsKeepOneGaplessChain() throws Exception {
        String caseId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            String actor = "reviewer" + thread;
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < 25; i++) {
                    accessLog.recordNow(AccessRecord.of(actor, TestAccessAction.CASE_VIEWED, caseId));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        List<AccessLogEntry> entries = accessLog.entries(new AccessLogQuery(null, null, caseId, 1000));
        assertThat(entries).hasSize(100);
        assertThat(accessLog.verify().intact()).isTrue();
    }

    /** The verifier reads one snapshot: entries sealed while it runs are not reported missing. */
    @Test
    void verifyingWhileEightWritersAppendReportsNoFalseAlarm() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            writers.add(pool.submit((Callable<Void>) () -> {
                while (!stop.get()) {
                    transactions.executeWithoutResult(
                            status -> accessLog.record(AccessRecord.of("writer", TestAccessAction.CASE_VIEWED, null)));
                    written.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > 200);
            for (int i = 0; i < 5; i++) {
                long before = written.get();
                ChainVerification verification = accessLog.verify();
                assertThat(verification.problem()).isNull();
                accessLog.checkpoint();
                await().atMost(Duration.ofSeconds(30)).until(() -> written.get() > before);
            }
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void theCheckpointKeyIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties.checkpointKey())))
                .isEqualTo("rw-------");
    }

    @Test
    void aCheckpointCoversTheLogAndItsSignatureIsChecked() throws Exception {
        accessLog.recordNow(AccessRecord.of("auditor", InfraAccessAction.ACCESS_LOG_VERIFIED, null));

        long size = accessLog.checkpoint().orElseThrow();

        ChainVerification verification = accessLog.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.entriesChecked()).isGreaterThanOrEqualTo(size);
        assertThat(verification.checkpointsChecked()).isPositive();

        var file = properties.witnessDirectory().resolve(String.format("checkpoint-%012d.txt", size));
        String original = Files.readString(file);
        Files.writeString(file, original.replaceFirst("size \\d+", "size " + (size - 1)));
        try {
            assertThat(accessLog.verify().problem()).contains("no valid signature");
        } finally {
            Files.writeString(file, original);
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void theApplicationsRoleCannotChangeTheLogOrItsGuards() {
        accessLog.recordNow(AccessRecord.of("auditor", InfraAccessAction.ACCESS_LOG_VERIFIED, null));

        for (String table : List.of("access_log", "access_log_pending")) {
            assertRefused("UPDATE " + table + " SET actor = 'nobody'", "permission denied");
            assertRefused("DELETE FROM " + table, "permission denied");
            assertRefused("TRUNCATE " + table, "permission denied");
            assertRefused("ALTER TABLE " + table + " DISABLE TRIGGER ALL", "must be owner");
            assertRefused("DROP TRIGGER " + table + "_append_only ON " + table, "must be owner");
        }
        assertRefused("UPDATE flyway_schema_history SET checksum = 0", "permission denied");
    }

    /** Even the tables' owner (or a superuser who forgets the replica trick) meets the trigger. */
    @Test
    void theTriggerStillGuardsAgainstTheOwner() {
        accessLog.recordNow(AccessRecord.of("auditor", InfraAccessAction.ACCESS_LOG_VERIFIED, null));

        assertThatThrownBy(() -> Tamper.asSuperuser("UPDATE access_log SET actor = 'nobody'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> Tamper.asSuperuser("DELETE FROM access_log_pending"))
                .hasMessageContaining("append-only");
    }

    private void assertRefused(String sql, String reason) {
        assertThatThrownBy(() -> jdbc.sql(sql).update())
                .as(sql)
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining(reason);
    }
}
