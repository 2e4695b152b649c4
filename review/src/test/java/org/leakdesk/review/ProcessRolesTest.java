package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.LeakDeskApplication;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.Multipart;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The production topology in one JVM: a {@code source}, a {@code worker} and a {@code staff}
 * process ({@code leakdesk.roles}) on one PostgreSQL. Each listens only where its role says, the
 * source process never opens the private key, only the worker runs jobs, and a submission sent to
 * the source process reaches the staff process's inbox through the worker's extraction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessRolesTest {

    @TempDir
    static Path folder;

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private ConfigurableApplicationContext worker;
    private ConfigurableApplicationContext source;
    private ConfigurableApplicationContext staff;
    private final Ports workerPorts = new Ports();
    private final Ports sourcePorts = new Ports();
    private final Ports staffPorts = new Ports();

    private record Ports(int source, int staff, int management) {
        Ports() {
            this(freePort(), freePort(), freePort());
        }
    }

    @BeforeAll
    void startThreeProcesses() throws IOException {
        // The worker generates the (demo) key pair. The staff process then runs in production mode
        // with the passphrase in a file of its own; the source process gets the certificate, and
        // beside it the private key with a wrong, world-readable passphrase file: it would choke
        // on either if it ever read them.
        worker = start("worker", "worker", workerPorts, folder.resolve("keys"));
        Path passphrase = folder.resolve("newsroom-passphrase");
        Files.move(folder.resolve("keys/newsroom.passphrase"), passphrase);
        Path sourceKeys = Files.createDirectories(folder.resolve("source-keys"));
        Files.copy(folder.resolve("keys/newsroom.pub.asc"), sourceKeys.resolve("newsroom.pub.asc"));
        Files.copy(folder.resolve("keys/newsroom.sec.asc"), sourceKeys.resolve("newsroom.sec.asc"));
        Path sourcePassphrase = Files.writeString(folder.resolve("source-passphrase"), "not the passphrase\n");
        Files.setPosixFilePermissions(sourcePassphrase, PosixFilePermissions.fromString("rw-r--r--"));
        source = start(
                "source",
                "source",
                sourcePorts,
                sourceKeys,
                "--leakdesk.mode=production",
                "--leakdesk.keys.generate-demo-key=false",
                "--leakdesk.keys.passphrase-file=" + sourcePassphrase);
        staff = start(
                "staff",
                "staff",
                staffPorts,
                folder.resolve("keys"),
                "--leakdesk.mode=production",
                "--leakdesk.keys.generate-demo-key=false",
                "--leakdesk.keys.passphrase-file=" + passphrase);
    }

    @AfterAll
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void eachProcessListensOnlyOnItsOwnFace() throws Exception {
        assertThat(get(sourcePorts.source(), "/").statusCode()).isEqualTo(200);
        assertThat(get(sourcePorts.source(), "/login").statusCode()).isEqualTo(404);
        assertRefused(sourcePorts.staff());
        assertThat(source.getBean(FacePorts.class).faceOf(sourcePorts.source())).isEqualTo(Face.SOURCE);

        assertThat(get(staffPorts.staff(), "/login").statusCode()).isEqualTo(200);
        assertThat(get(staffPorts.staff(), "/").statusCode()).isNotEqualTo(200);
        assertThat(post(staffPorts.staff(), "/api/v1/submissions").statusCode()).isEqualTo(404);
        assertRefused(staffPorts.source());
        assertThatThrownBy(() -> staff.getBean(FacePorts.class).portOf(Face.SOURCE))
                .hasMessageContaining("does not serve the SOURCE face");

        assertRefused(workerPorts.source());
        assertRefused(workerPorts.staff());
    }

    @Test
    void healthAndMetricsAnswerOnTheLoopbackManagementPortOnly() throws Exception {
        for (Ports ports : List.of(sourcePorts, staffPorts, workerPorts)) {
            HttpResponse<String> health = get(ports.management(), "/actuator/health");
            assertThat(health.statusCode())
                    .as(health.headers().map().toString())
                    .isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(get(ports.management(), "/actuator/prometheus").statusCode())
                    .isEqualTo(200);
            assertThat(get(ports.management(), "/actuator/env").statusCode())
                    .as("only health and metrics are exposed")
                    .isEqualTo(404);
            assertRefused(nonLoopbackAddress(), ports.management());
        }
        for (int facePort : List.of(sourcePorts.source(), staffPorts.staff())) {
            for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus")) {
                assertThat(get(facePort, path).statusCode())
                        .as("%s on face port %d", path, facePort)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void onlyTheWorkerRunsJobs() {
        assertThat(jobExecutor(worker).isActive()).isTrue();
        assertThat(source.getBeansOfType(ProcessEngine.class))
                .as("source process runs no process engine, so no job")
                .isEmpty();
        assertThat(jobExecutor(staff) == null || !jobExecutor(staff).isActive())
                .as("staff process runs no job")
                .isTrue();
        assertThat(worker.containsBean("extractionWorker")).isTrue();
        assertThat(source.containsBean("extractionWorker")).isFalse();
        assertThat(staff.containsBean("extractionWorker")).isFalse();
    }

    @Test
    void onlyTheStaffProcessKeepsSessionsAndCleansThemUpAndTheSourceProcessSignsNoCheckpoint() {
        assertThat(staff.getBeansOfType(JdbcIndexedSessionRepository.class))
                .as("the staff process keeps sessions in the database and deletes expired ones")
                .hasSize(1);
        assertThat(source.getBeansOfType(JdbcIndexedSessionRepository.class)).isEmpty();
        assertThat(worker.getBeansOfType(JdbcIndexedSessionRepository.class)).isEmpty();
        assertThat(source.getBeansOfType(SessionRepository.class)).isEmpty();

        assertThat(source.containsBean("checkpointSchedule"))
                .as("no access log checkpoints from the public-facing process")
                .isFalse();
        assertThat(source.containsBean("checkpointKey"))
                .as("the public-facing process never reads the checkpoint signing key")
                .isFalse();
        assertThat(staff.containsBean("checkpointKey")).isTrue();
        assertThat(worker.containsBean("checkpointKey")).isTrue();
        assertThat(staff.getBean("checkpointSchedule", SmartLifecycle.class).isRunning())
                .isTrue();
        assertThat(worker.getBean("checkpointSchedule", SmartLifecycle.class).isRunning())
                .isTrue();
    }

    @Test
    void aSubmissionToTheSourceProcessReachesTheStaffInboxThroughTheWorker() throws Exception {
        TestStaff reviewer = TestStaff.create(staff.getBean(StaffAccounts.class), "roles", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(staffPorts.staff());
        Set<String> before = reviewing.inboxCases();

        Multipart upload = new Multipart()
                .file(
                        "files",
                        "board-minutes-q3.txt",
                        "text/plain",
                        "minutes of the board".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> receipt = SourceApi.submit(sourcePorts.source(), upload);
        assertThat(receipt.statusCode()).isEqualTo(201);
        String codename = receipt.body().replaceFirst("(?s).*\"receipt\":\"([^\"]+)\".*", "$1");
        assertThat(codename).contains(" ");

        // Triage opens only after the worker extracted the metadata: the row proves all three ran.
        Element row = reviewing.awaitNewCase(before, Duration.ofSeconds(90));
        assertThat(row.text()).contains("Triage");

        // The metrics of all three name no file, no codename and no case.
        String caseId = row.attr("data-case");
        for (Ports ports : List.of(sourcePorts, workerPorts, staffPorts)) {
            String metrics = get(ports.management(), "/actuator/prometheus").body();
            assertThat(metrics).contains("jvm_memory_used_bytes");
            assertThat(metrics).doesNotContain("board-minutes").doesNotContain(caseId);
            // Whole, however it might be written; a single word ("open") may be part of a metric's name.
            for (String joiner : List.of(" ", "+", "%20", "-", "_")) {
                assertThat(metrics).doesNotContain(codename.replace(" ", joiner));
            }
        }
        assertThat(get(sourcePorts.management(), "/actuator/prometheus").body())
                .as("the source process counts its requests by pattern")
                .contains("uri=\"/api/v1/submissions\"");
    }

    private ConfigurableApplicationContext start(
            String name, String roles, Ports ports, Path keys, String... production) {
        // As command-line arguments: they outrank the test profile's properties.
        List<String> arguments = new ArrayList<>(List.of(
                "--leakdesk.roles=" + roles,
                "--server.port=" + ports.source(),
                "--leakdesk.staff.port=" + ports.staff(),
                "--management.server.port=" + ports.management(),
                "--leakdesk.keys.directory=" + keys,
                "--leakdesk.sign-in.secret-key-file=" + folder.resolve("two-factor.key"),
                "--leakdesk.audit.checkpoint-key=" + folder.resolve("checkpoint.ed25519"),
                "--camunda.bpm.process-engine-name=roles-" + name,
                "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(production));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(LeakDeskApplication.class).run(arguments.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    @Test
    void productionModeRefusesTheZeroSetupRunsDemoPartsBeforeTouchingAnything() {
        Path h2 = folder.resolve("h2");
        assertThatThrownBy(() -> new SpringApplicationBuilder(LeakDeskApplication.class)
                        .run(
                                "--leakdesk.mode=production",
                                "--spring.datasource.url=jdbc:h2:file:" + h2.resolve("leakdesk"),
                                "--leakdesk.keys.generate-demo-key=true",
                                "--leakdesk.demo.accounts=true",
                                "--leakdesk.keys.directory=" + folder.resolve("keys"),
                                "--server.port=0",
                                "--leakdesk.staff.port=0"))
                .hasMessageStartingWith("LeakDesk refuses to start in production mode")
                .hasMessageContaining("embedded H2")
                .hasMessageContaining("generate-demo-key=true")
                .hasMessageContaining("demo.accounts=true");
        assertThat(h2).doesNotExist();
    }

    private static JobExecutor jobExecutor(ConfigurableApplicationContext context) {
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(int port) {
        assertRefused(java.net.InetAddress.getLoopbackAddress(), port);
    }

    private static void assertRefused(java.net.InetAddress address, int port) {
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2000);
                    }
                })
                .as("nothing listens on port %d", port)
                .isInstanceOf(ConnectException.class);
    }

    /** This machine's own address on its network, where a loopback-bound port must not answer. */
    private static java.net.InetAddress nonLoopbackAddress() throws IOException {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this machine has no network address to test with"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
