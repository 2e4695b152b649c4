package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.testing.TestAccessAction;
import org.leakdesk.infra.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process that only adds entries (a source-only process, whose database role may read neither
 * log table) seals none; a sealing process seals them at its next {@link Sealer#sealCommitted()}
 * at the latest, and the chain verifies. A reader seals what other processes committed before its
 * own later entries, so the chain keeps the order in which things happened across processes.
 */
// No round of this context's own schedule between the adding and the assertion that nothing was sealed.
@SpringBootTest(properties = {"leakdesk.audit.seal-interval=1h", "leakdesk.audit.checkpoint-interval=1h"})
class SealingElsewhereTest {

    @Autowired
    AccessLog accessLog;

    @Autowired
    Sealer sealer;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    @Test
    void entriesOfAProcessThatSealsNothingAreSealedByAnotherOnItsNextRound() throws Exception {
        String actor = "adds-only-" + UUID.randomUUID();
        try (StandaloneAccessLog addsOnly = new StandaloneAccessLog(TestDatabase.database(), folder, 2, false)) {
            for (int i = 0; i < 5; i++) {
                addsOnly.log.recordNow(new AccessRecord(actor, TestAccessAction.CASE_VIEWED, "case-" + i, null));
            }
            addsOnly.sealer.sealCommitted();
            addsOnly.sealer.sealOutstanding();
            Thread.sleep(300); // longer than its seal delay: a background seal would have run
            assertThat(count("SELECT COUNT(*) FROM access_log_pending WHERE actor = ?", actor))
                    .isEqualTo(5);
            // Counted by the process itself: every sealing process of this JVM and database (the
            // cached contexts of other test classes too) may seal its entries meanwhile.
            assertThat(addsOnly.sealer.sealedHere())
                    .as("the adding process sealed nothing")
                    .isZero();
        }

        sealer.sealCommitted();

        assertThat(count("SELECT COUNT(*) FROM access_log WHERE actor = ?", actor))
                .isEqualTo(5);
        ChainVerification verification = accessLog.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();

        // The count is the process's own: a sealing process's grows. (Another process's sweep may
        // seal an entry between its commit and this seal; three tries rule that out.)
        try (StandaloneAccessLog seals = new StandaloneAccessLog(TestDatabase.database(), folder, 2, true)) {
            for (int attempt = 0; attempt < 3 && seals.sealer.sealedHere() == 0; attempt++) {
                seals.log.recordNow(new AccessRecord(actor, TestAccessAction.CASE_VIEWED, "case-" + attempt, null));
                seals.sealer.sealCommitted();
            }
            assertThat(seals.sealer.sealedHere())
                    .as("a sealing process counts what it seals")
                    .isPositive();
        }
    }

    /**
     * A worker's entry still waits for its seal delay when a reviewer's later entry is read here:
     * the reader seals both, the worker's first (in the sample story: metadata extracted, then the
     * triage task claimed).
     */
    @Test
    void aReaderSealsAnotherProcesssEarlierEntryBeforeItsOwnLaterOne() {
        String caseId = "case-" + UUID.randomUUID();
        try (StandaloneAccessLog worker =
                new StandaloneAccessLog(TestDatabase.database(), folder, 2, true, Duration.ofHours(1))) {
            worker.log.recordNow(new AccessRecord("worker", TestAccessAction.CASE_VIEWED, caseId, null));
            accessLog.recordNow(AccessRecord.of("reviewer", TestAccessAction.TASK_CLAIMED, caseId));

            List<AccessLogEntry> newestFirst = accessLog.entries(new AccessLogQuery(null, null, caseId, 10));

            assertThat(newestFirst).extracting(AccessLogEntry::actor).containsExactly("reviewer", "worker");
        }
        ChainVerification verification = accessLog.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
    }

    private long count(String sql, String actor) {
        return jdbc.sql(sql).param(actor).query(Long.class).single();
    }
}
