package org.leakdesk.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.testing.TestAccessAction;
import org.leakdesk.infra.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process appending to the log from eight threads is killed (SIGKILL, no shutdown hook): the
 * chain still verifies, and every append that committed before the kill is sealed exactly once
 * once this process seals what the dead one left pending.
 */
@SpringBootTest
class AccessLogCrashTest {

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    @Test
    void killingAProcessInTheMiddleOfHeavyAppendingLeavesAChainThatVerifies() throws Exception {
        String actor = "crash-" + UUID.randomUUID();
        Process writer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AppendUntilKilled.class.getName(),
                        TestDatabase.database(),
                        folder.toString(),
                        actor)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("writer.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> sealed(actor) >= 1_500 && writer.isAlive());
        } finally {
            writer.destroyForcibly();
            writer.waitFor();
        }
        long committed = pending(actor);
        long sealedAtKill = sealed(actor);
        System.out.printf("crash test: committed=%d sealed_at_kill=%d%n", committed, sealedAtKill);

        accessLog.checkpoint(); // seals what the dead process left pending, then signs the whole log
        ChainVerification verification = accessLog.verify();

        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(committed).isGreaterThan(sealedAtKill).as("the kill came while appends were still pending");
        assertThat(sealed(actor)).isEqualTo(committed);
        assertThat(jdbc.sql("SELECT COUNT(*) - COUNT(DISTINCT pending_id) FROM access_log")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private long pending(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM access_log_pending WHERE actor = ?")
                .param(actor)
                .query(Long.class)
                .single();
    }

    private long sealed(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM access_log WHERE actor = ?")
                .param(actor)
                .query(Long.class)
                .single();
    }

    /** The process the test kills: eight threads appending, each append in its own transaction. */
    static final class AppendUntilKilled {

        public static void main(String[] args) {
            StandaloneAccessLog standalone = new StandaloneAccessLog(args[0], Path.of(args[1]), 10);
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Runnable> loops = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                loops.add(() -> {
                    while (true) {
                        standalone.transaction.executeWithoutResult(status -> standalone.log.record(
                                new AccessRecord(args[2], TestAccessAction.CASE_VIEWED, "case", "until killed")));
                    }
                });
            }
            loops.forEach(writers::submit);
        }
    }
}
