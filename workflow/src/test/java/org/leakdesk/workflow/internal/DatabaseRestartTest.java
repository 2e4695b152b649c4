package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stops while a case's extraction runs and starts again seconds later: the worker
 * meets a database that is away (the extraction or its completion fails, and the task is handed
 * out again when its lock runs out), and the case reaches triage with its document extracted and
 * logged exactly once. The test stops and starts the real cluster (it needs the
 * rights infra/scripts/test runs with).
 */
@WorkflowBootTest
class DatabaseRestartTest {

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ObservedExtraction extraction;

    @Autowired
    RuntimeService runtime;

    @Autowired
    AccessLog accessLog;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCaseWhoseExtractionLosesTheDatabaseGoesOnOnceItIsBack() throws Exception {
        UUID caseId;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile(
                    "memo.txt",
                    "text/plain",
                    new ByteArrayInputStream("A memo that waits for the database.".getBytes(StandardCharsets.UTF_8)));
            caseId = draft.commit().submissionId();
        }
        // The database goes down while the worker holds the case's task, before it has read anything.
        extraction.beforeExtracting(caseId, () -> PostgresCluster.restart(Duration.ofSeconds(3)));

        await().atMost(Duration.ofMinutes(2))
                .ignoreExceptions()
                .until(() -> !runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(caseId.toString())
                        .activityIdIn("triage")
                        .list()
                        .isEmpty());

        List<AccessLogEntry> extracted = accessLog.entries(
                new AccessLogQuery(null, IntakeAccessAction.METADATA_EXTRACTED, caseId.toString(), 10));
        assertThat(extracted).as("extracted once, logged once").hasSize(1);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM submission_file_metadata m JOIN submission_file f ON f.id = m.file_id
                        WHERE f.submission_id = ?""").param(caseId).query(Long.class).single()).isEqualTo(1);
        assertThat(accessLog.verify().intact())
                .as("the log survived the restart")
                .isTrue();
    }

    /** The test database's PostgreSQL cluster, driven with Debian's pg_ctlcluster. */
    static final class PostgresCluster {

        /** Stops the cluster now and starts it again after {@code down}, on another thread. */
        static void restart(Duration down) {
            String[] cluster = cluster();
            run("pg_ctlcluster", cluster[0], cluster[1], "stop", "-m", "fast");
            Thread starter = new Thread(() -> {
                try {
                    Thread.sleep(down.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    run("pg_ctlcluster", cluster[0], cluster[1], "start");
                }
            });
            starter.start();
        }

        /** Version and name of the cluster on the test port. */
        private static String[] cluster() {
            String port = System.getenv().getOrDefault("LEAKDESK_TEST_PGPORT", "5432");
            for (String line : output("pg_lsclusters", "--no-header").split("\n")) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 2 && fields[2].equals(port)) {
                    return new String[] {fields[0], fields[1]};
                }
            }
            throw new IllegalStateException("No PostgreSQL cluster on port " + port);
        }

        private static void run(String... command) {
            String output = output(command);
            if (output.contains("Error")) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
        }

        private static String output(String... command) {
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
                }
                return output;
            } catch (IOException e) {
                throw new IllegalStateException(String.join(" ", command) + " cannot run", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
