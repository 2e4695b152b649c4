package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.SharedFiles;

/**
 * The production topology from the packaged jar, each role a process of its own on one
 * PostgreSQL database over loopback: one {@code source}, one {@code staff} and two {@code worker}
 * processes, all in production mode with a newsroom key made by {@code keys init} (the source
 * process gets the certificate alone and connects as the narrow source role, without the process
 * engine). Submissions sent to the source process reach triage once
 * each; then one worker is killed (SIGKILL) while it holds extractions of a second batch, and the
 * other worker takes them over once their locks run out: every case still reaches triage once,
 * with one process, one triage task and one result per document.
 */
// Four JVMs and their parser children on a machine that may be busy: more than the default five minutes.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TopologyIT {

    private static final int FIRST_BATCH = 20;
    private static final int SECOND_BATCH = 10;
    // A killed worker's extraction goes to the other worker when its lock runs out: short here.
    private static final String LOCK = "--leakdesk.extraction.lock-duration=15s";
    // One parser child per worker: each is a JVM of its own that loads Tika, and this runs on two cores.
    private static final String ONE_CHILD = "--leakdesk.extraction.children=1";

    @TempDir
    Path folder;

    private final List<PackagedApplication> processes = new ArrayList<>();
    private PackagedDatabase database;

    @AfterEach
    void stop() throws InterruptedException, IOException {
        // Each process's output under target/, to read when this test fails (it names no document content).
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        for (PackagedApplication process : processes) {
            process.close();
            Files.writeString(logs.resolve("TopologyIT-" + process.process.pid() + ".log"), process.log());
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void submissionsReachTriageOnceEvenWhenAWorkerIsKilledMidExtraction() throws Exception {
        database = PackagedDatabase.fresh("topology_it");
        Path keys = newsroomKeys();
        Path sourceKeys = Files.createDirectories(folder.resolve("source-keys"));
        Files.copy(keys.resolve("newsroom.pub.asc"), sourceKeys.resolve("newsroom.pub.asc"));

        // The staff process migrates the empty database; the others start together once it has.
        int sourcePort = PackagedApplication.freePort();
        int staffPort = PackagedApplication.freePort();
        long began = System.nanoTime();
        PackagedApplication staff = role("staff", keys, 0, staffPort).awaitStarted();
        lap("staff process started (database migrated)", began);
        PackagedApplication source = role("source", sourceKeys, sourcePort, 0);
        PackagedApplication worker1 = role("worker", keys, 0, 0, LOCK, ONE_CHILD);
        PackagedApplication worker2 = role("worker", keys, 0, 0, LOCK, ONE_CHILD);
        Process account = createReviewer();
        for (PackagedApplication process : List.of(source, worker1, worker2)) {
            process.awaitStarted();
        }
        lap("source and two worker processes started", began);
        assertThat(account.waitFor())
                .as(new String(account.getInputStream().readAllBytes()))
                .isZero();
        assertThat(Files.list(sourceKeys).map(file -> file.getFileName().toString()))
                .as("the source process ran without the private key and wrote no key of its own")
                .containsExactly("newsroom.pub.asc");
        assertSourceRoleIsNarrow();

        submit(source, FIRST_BATCH, "first");
        awaitTriage(FIRST_BATCH);
        lap(FIRST_BATCH + " cases at triage", began);
        assertExactlyOnce(FIRST_BATCH, Set.of());

        // Second batch, four documents each; kill -9 worker 1 as soon as it holds some of their
        // extractions (watched from the start: extraction keeps pace with the uploads).
        CompletableFuture<Set<String>> killedHolding = CompletableFuture.supplyAsync(() -> {
            Set<String> held = await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> casesLockedBy(worker1.process.pid()), locked -> !locked.isEmpty());
            worker1.process.destroyForcibly();
            return held;
        });
        submit(source, SECOND_BATCH, "second");
        Set<String> interrupted = killedHolding.get(3, TimeUnit.MINUTES);
        worker1.process.waitFor();
        System.out.println("TopologyIT: killed worker " + worker1.process.pid() + " holding the extraction of "
                + interrupted.size() + " case(s)");

        awaitTriage(FIRST_BATCH + SECOND_BATCH);
        lap((FIRST_BATCH + SECOND_BATCH) + " cases at triage after the kill", began);
        assertExactlyOnce(FIRST_BATCH + SECOND_BATCH, interrupted);
        assertThat(worker2.process.isAlive()).isTrue();

        // The staff face shows every case in the reviewer's inbox.
        StaffClient reviewer = StaffClient.signIn(staff.staffPort, "rita", "a long reviewer passphrase");
        assertThat(reviewer.page("/inbox").select("tr[data-case]")).hasSize(FIRST_BATCH + SECOND_BATCH);
    }

    /** The role the source process connects as reads no Camunda, staff or access log table. */
    private void assertSourceRoleIsNarrow() throws SQLException {
        try (Connection connection = database.connectAsSource()) {
            for (String table :
                    List.of("act_ru_task", "act_ge_property", "staff_account", "access_log", "review_case")) {
                assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table))
                        .as(table)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    private static void lap(String what, long began) {
        System.out.printf("TopologyIT: %s after %.1f s%n", what, (System.nanoTime() - began) / 1e9);
    }

    /** Newsroom key pair made for production by the jar's {@code keys init}, passphrase in a file only its owner reads. */
    private Path newsroomKeys() throws Exception {
        Path keys = Files.createDirectories(folder.resolve("keys"));
        Path passphrase = folder.resolve("newsroom-passphrase");
        Files.writeString(passphrase, "topology test passphrase of some length\n");
        Files.setPosixFilePermissions(passphrase, PosixFilePermissions.fromString("rw-------"));
        Process init =
                jarCommand("keys", "init", "--keys-dir", keys.toString(), "--passphrase-file", passphrase.toString());
        String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(init.waitFor()).as(output).isZero();
        return keys;
    }

    private PackagedApplication role(String role, Path keys, int sourcePort, int staffPort, String... more)
            throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--leakdesk.roles=" + role,
                "--leakdesk.mode=production",
                "--leakdesk.demo.accounts=false",
                "--leakdesk.keys.generate-demo-key=false",
                "--leakdesk.data-dir=" + folder.resolve("data"),
                "--leakdesk.keys.directory=" + keys,
                "--leakdesk.audit.checkpoint-key=" + folder.resolve("data/checkpoint.ed25519"),
                "--leakdesk.sign-in.secret-key-file=" + folder.resolve("data/two-factor.key"),
                "--leakdesk.source.rate.submissions-per-minute=100000",
                "--leakdesk.intake.warm-up=0",
                // Four processes share a PostgreSQL server other tests use too: small pools.
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--camunda.bpm.job-execution.max-wait=2000",
                "--camunda.bpm.job-execution.wait-time-in-millis=500"));
        if (!role.equals("source")) {
            arguments.add("--leakdesk.keys.passphrase-file=" + folder.resolve("newsroom-passphrase"));
        }
        arguments.addAll(List.of(more));
        // The source process connects as the narrow source role, without the owner's password.
        Map<String, String> environment = role.equals("source") ? database.sourceEnvironment() : database.environment();
        PackagedApplication process = PackagedApplication.launch(
                folder, PackagedApplication.QUICK_START, sourcePort, staffPort, environment, arguments);
        processes.add(process);
        return process;
    }

    private Process createReviewer() throws IOException {
        Path password = folder.resolve("reviewer-password");
        Files.writeString(password, "a long reviewer passphrase\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return jarCommand(
                "accounts",
                "create",
                "--user",
                "rita",
                "--role",
                "reviewer",
                "--password-file",
                password.toString(),
                "--spring.main.banner-mode=off");
    }

    private Process jarCommand(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of(System.getProperty("leakdesk.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("LEAKDESK_"));
        builder.environment().put("LEAKDESK_DATA_DIR", folder.resolve("data").toString());
        if (database != null) {
            builder.environment().putAll(database.environment());
        }
        return builder.start();
    }

    /** {@code count} submissions to the source process, a few of them with real documents. */
    private static void submit(PackagedApplication source, int count, String batch) throws Exception {
        List<Path> real = List.of(
                SharedFiles.corpus("testPDF.pdf"),
                SharedFiles.corpus("testWORD.docx"),
                SharedFiles.sample(SharedFiles.PORAVALIT));
        for (int i = 0; i < count; i++) {
            Multipart upload = new Multipart()
                    .file(
                            "files",
                            batch + "-" + i + ".txt",
                            "text/plain",
                            ("note " + i + " of the " + batch + " batch").getBytes(StandardCharsets.UTF_8));
            if (batch.equals("second") || i % 5 == 0) {
                for (Path file : real) {
                    upload.file(
                            "files",
                            file.getFileName().toString(),
                            "application/octet-stream",
                            Files.readAllBytes(file));
                }
            }
            HttpResponse<String> receipt = SourceApi.submit(source.sourcePort, upload);
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        }
    }

    private void awaitTriage(int cases) {
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count("SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'triage'") >= cases);
    }

    /**
     * Every case has one process instance, one triage task and one stored result per document;
     * every case but those a killed worker held was decrypted (and logged) once. A case the killed
     * worker held may have a second entry: the worker that took it over decrypted again what the
     * killed one had not stored, and the log records each real decryption.
     */
    private void assertExactlyOnce(int cases, Set<String> interrupted) throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM submission")).isEqualTo(cases);
        assertThat(perCase("SELECT business_key_, COUNT(*) FROM act_hi_procinst GROUP BY business_key_"))
                .as("one review process per case")
                .hasSize(cases)
                .allSatisfy((caseId, n) -> assertThat(n).as(caseId).isEqualTo(1));
        assertThat(perCase("""
                        SELECT e.business_key_, COUNT(*) FROM act_ru_task t
                        JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
                        WHERE t.task_def_key_ = 'triage' GROUP BY e.business_key_"""))
                .as("one triage task per case")
                .hasSize(cases)
                .allSatisfy((caseId, n) -> assertThat(n).as(caseId).isEqualTo(1));
        assertThat(count("""
                        SELECT COUNT(*) FROM submission_file f
                        LEFT JOIN submission_file_metadata m ON m.file_id = f.id WHERE m.file_id IS NULL""")).as("every document has its result").isZero();
        Map<String, Long> logged = perCase("""
                SELECT subject, COUNT(*) FROM access_log WHERE action = 'METADATA_EXTRACTED' GROUP BY subject""");
        assertThat(logged).as("every case decrypted for extraction").hasSize(cases);
        logged.forEach((caseId, n) -> assertThat(n)
                .as("METADATA_EXTRACTED entries of case %s; its task's failures: %s", caseId, failures(caseId))
                .isBetween(1L, interrupted.contains(caseId) ? 2L : 1L));
        assertThat(count("SELECT COUNT(*) FROM act_ru_incident")).isZero();
    }

    private List<String> failures(String caseId) {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT l.worker_id_, l.error_msg_ FROM act_hi_ext_task_log l
                        JOIN act_hi_procinst p ON p.id_ = l.proc_inst_id_
                        WHERE p.business_key_ = ? AND l.error_msg_ IS NOT NULL""")) {
            query.setString(1, caseId);
            List<String> failures = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    failures.add(rows.getString(1) + ": " + rows.getString(2));
                }
            }
            return failures;
        } catch (SQLException e) {
            return List.of(e.toString());
        }
    }

    /** Cases whose extraction task is locked by a worker process with this pid (worker ids name it). */
    private Set<String> casesLockedBy(long pid) throws SQLException {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT e.business_key_ FROM act_ru_ext_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
                        WHERE t.worker_id_ LIKE ? AND t.lock_exp_time_ IS NOT NULL""")) {
            query.setString(1, "%-" + pid + "-%");
            Set<String> cases = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    cases.add(rows.getString(1));
                }
            }
            return cases;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Map<String, Long> perCase(String sql) throws SQLException {
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            Map<String, Long> counts = new HashMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        }
    }
}
