package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
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

    @Test
    void entriesAreChainedAndFoundByCase() {
        String caseId = UUID.randomUUID().toString();

        accessLog.recordNow(new AccessRecord("reviewer", AccessAction.CASE_VIEWED, caseId, "case page"));
        accessLog.record(new AccessRecord("editor", AccessAction.EDITORIAL_DECISION, caseId, "PUBLISH"));

        List<AccessLogEntry> entries = accessLog.entries(new AccessLogQuery(null, null, caseId, 10));
        assertThat(entries).extracting(AccessLogEntry::actor).containsExactly("editor", "reviewer");
        assertThat(entries.get(0).sequence()).isEqualTo(entries.get(1).sequence() + 1);
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void anEntryRecordedInATransactionThatRollsBackIsNotWritten() {
        String caseId = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> {
            accessLog.record(AccessRecord.of("reviewer", AccessAction.TASK_CLAIMED, caseId));
            accessLog.recordNow(AccessRecord.of("reviewer", AccessAction.CASE_VIEWED, caseId));
            status.setRollbackOnly();
        });

        assertThat(accessLog.entries(new AccessLogQuery(null, null, caseId, 10)))
                .extracting(AccessLogEntry::action)
                .containsExactly(AccessAction.CASE_VIEWED);
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
                    accessLog.recordNow(AccessRecord.of(actor, AccessAction.CASE_VIEWED, caseId));
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
        assertThat(accessLog.verify()).satisfies(v -> assertThat(v.intact()).isTrue());
    }

    @Test
    void theDatabaseRejectsUpdatesAndDeletes() {
        accessLog.recordNow(AccessRecord.of("auditor", AccessAction.ACCESS_LOG_VERIFIED, null));

        assertThatThrownBy(
                        () -> jdbc.sql("UPDATE access_log SET actor = 'nobody'").update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("access_log is append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM access_log").update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("access_log is append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE access_log").update())
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("access_log is append-only");
    }

    /** Someone with the power to switch the trigger off rewrites an entry: the verifier names it. */
    @Test
    void theVerifierNamesTheFirstRewrittenEntry() {
        String caseId = UUID.randomUUID().toString();
        accessLog.recordNow(new AccessRecord("reviewer", AccessAction.CASE_VIEWED, caseId, "case page"));
        long sequence = accessLog
                .entries(new AccessLogQuery(null, null, caseId, 1))
                .get(0)
                .sequence();
        accessLog.recordNow(AccessRecord.of("reviewer", AccessAction.CASE_VIEWED, caseId));

        rewrite(sequence, "reviewer", "someone-else");
        try {
            ChainVerification verification = accessLog.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadSequence()).isEqualTo(sequence);
            assertThat(verification.problem()).contains("content does not match");
        } finally {
            rewrite(sequence, "someone-else", "reviewer");
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    private void rewrite(long sequence, String from, String to) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("ALTER TABLE access_log DISABLE TRIGGER access_log_append_only")
                    .update();
            jdbc.sql("UPDATE access_log SET actor = ? WHERE sequence = ? AND actor = ?")
                    .params(to, sequence, from)
                    .update();
            jdbc.sql("ALTER TABLE access_log ENABLE TRIGGER access_log_append_only")
                    .update();
        });
    }
}
