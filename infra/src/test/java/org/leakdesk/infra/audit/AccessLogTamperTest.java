package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.testing.TestAccessAction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each way of rewriting the log with the database server's full power, and the entry the verifier names. */
@SpringBootTest
class AccessLogTamperTest {

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    /** Five entries of one case, oldest first; the first four are covered by a checkpoint. */
    List<Long> sequences;

    @BeforeEach
    void fiveEntriesFourCheckpointed() {
        String caseId = UUID.randomUUID().toString();
        for (int i = 0; i < 4; i++) {
            accessLog.recordNow(new AccessRecord("reviewer", TestAccessAction.CASE_VIEWED, caseId, "view " + i));
        }
        accessLog.checkpoint().orElseThrow();
        accessLog.recordNow(new AccessRecord("reviewer", TestAccessAction.CASE_VIEWED, caseId, "view 4"));
        sequences = accessLog.entries(new AccessLogQuery(null, null, caseId, 10)).stream()
                .map(AccessLogEntry::sequence)
                .sorted()
                .toList();
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void aChangedField() {
        long changed = sequences.get(1);
        try (Tamper tamper = Tamper.begin()) {
            tamper.apply("UPDATE access_log SET detail = 'nothing to see' WHERE sequence = " + changed);

            assertNamed(accessLog.verify(), changed, "content does not match");
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void aDeletedEntry() {
        long deleted = sequences.get(2);
        try (Tamper tamper = Tamper.begin()) {
            tamper.apply(deleteBoth("sequence = " + deleted));

            assertNamed(accessLog.verify(), deleted, "entry " + deleted + " is missing");
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    /** Nothing in the database shows a shorter log; the checkpoint outside it does. */
    @Test
    void aDeletedTail() {
        long firstDeleted = sequences.get(3);
        try (Tamper tamper = Tamper.begin()) {
            tamper.apply(deleteBoth("sequence >= " + firstDeleted));

            assertNamed(accessLog.verify(), firstDeleted, "entries after " + (firstDeleted - 1) + " are missing");
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    @Test
    void twoEntriesSwapped() {
        long first = sequences.get(1);
        long second = sequences.get(2);
        try (Tamper tamper = Tamper.begin()) {
            tamper.apply("UPDATE access_log SET sequence = -1 WHERE sequence = " + first + ";\n"
                    + "UPDATE access_log SET sequence = " + first + " WHERE sequence = " + second + ";\n"
                    + "UPDATE access_log SET sequence = " + second + " WHERE sequence = -1");

            assertNamed(accessLog.verify(), first, "link to the previous entry");
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    /**
     * The attacker changes one entry and recomputes every hash after it: the chain holds, the
     * leaf the witness keeps for that entry does not.
     */
    @Test
    void aRewrittenChainWithFreshHashes() {
        long changed = sequences.get(1);
        try (Tamper tamper = Tamper.begin()) {
            tamper.apply(rewriteFrom(changed, "nothing to see"));

            ChainVerification verification = accessLog.verify();
            assertNamed(verification, changed, "rewritten");
            assertThat(verification.entriesChecked()).isEqualTo(changed - 1);
        }
        assertThat(accessLog.verify().intact()).isTrue();
    }

    private static void assertNamed(ChainVerification verification, long sequence, String problem) {
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBadSequence()).isEqualTo(sequence);
        assertThat(verification.problem()).contains(problem);
    }

    private static String deleteBoth(String where) {
        return "DELETE FROM access_log_pending WHERE id IN (SELECT pending_id FROM access_log WHERE " + where + ");\n"
                + "DELETE FROM access_log WHERE " + where;
    }

    /** SQL that gives entry {@code from} a new detail and every entry from it on a fresh, valid chain hash. */
    private String rewriteFrom(long from, String detail) {
        List<AccessLogEntry> entries = jdbc.sql(
                        "SELECT " + StoredEntry.COLUMNS + " FROM access_log WHERE sequence >= ? " + "ORDER BY sequence")
                .param(from - 1)
                .query((rs, n) -> StoredEntry.read(rs))
                .list();
        byte[] previous = entries.get(0).entryHash();
        List<String> updates = new ArrayList<>();
        for (AccessLogEntry e : entries.subList(1, entries.size())) {
            String newDetail = e.sequence() == from ? detail : e.detail();
            byte[] hash = ChainHash.chain(
                    previous,
                    ChainHash.encode(
                            e.sequence(), e.recordedAt(), e.actor(), e.action().name(), e.subject(), newDetail));
            updates.add(String.format(
                    "UPDATE access_log SET detail = '%s', previous_hash = '\\x%s', entry_hash = '\\x%s' WHERE sequence = %d",
                    newDetail, hex(previous), hex(hash), e.sequence()));
            previous = hash;
        }
        return String.join(";\n", updates);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
