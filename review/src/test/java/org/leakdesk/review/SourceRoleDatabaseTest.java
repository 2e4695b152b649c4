package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.flywaydb.core.Flyway;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.leakdesk.LeakDeskApplication;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.ServedOn;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.TestDatabase;
import org.leakdesk.intake.SourceCorrespondence;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A source-only process as production runs it: connected as the narrow source role of
 * infra/deploy/DATABASE-ROLES.md (granted by the migration, nothing by hand), without the process
 * engine and without migrating, beside a staff-and-worker process on the same PostgreSQL. A
 * submission sent over HTTP to the source process starts its case once in the other process; the
 * source signs in, reads and deletes the newsroom's reply and sends a follow-up, which the worker
 * extracts. The role may read no Camunda, staff, note or access log table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceRoleDatabaseTest {

    private static final Pattern RECEIPT = Pattern.compile("\"receipt\":\"([^\"]+)\"");
    private static final Pattern SEND_TOKEN = Pattern.compile("action=\"/source/send\\?_csrf=([^\"]+)\"");
    private static final String REPLY = "Thank you. Can you send the second page?";

    @TempDir
    static Path folder;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private ConfigurableApplicationContext back;
    private ConfigurableApplicationContext source;
    private JdbcClient jdbc;

    @BeforeAll
    void startBothProcesses() throws Exception {
        // The staff-and-worker process migrates (as the owner) and makes the demo key pair; the
        // source process gets the certificate alone and the source role's credentials.
        back = start("--leakdesk.roles=staff,worker", "--camunda.bpm.process-engine-name=sourceRoleBack");
        Path keys = Path.of(back.getEnvironment().getRequiredProperty("leakdesk.keys.directory"));
        Path sourceKeys = Files.createDirectories(folder.resolve("source-keys"));
        Files.copy(keys.resolve("newsroom.pub.asc"), sourceKeys.resolve("newsroom.pub.asc"));
        source = start(
                "--leakdesk.roles=source",
                "--spring.datasource.username=" + TestDatabase.sourceUser(),
                "--spring.datasource.password=" + TestDatabase.sourcePassword(),
                "--leakdesk.keys.directory=" + sourceKeys,
                "--leakdesk.keys.generate-demo-key=false");
        jdbc = back.getBean(JdbcClient.class);
    }

    @AfterAll
    void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void theSourceProcessRunsNoEngineNoMigrationAndNoJob() {
        assertThat(source.getBeansOfType(ProcessEngine.class)).isEmpty();
        assertThat(source.getBeansOfType(RuntimeService.class)).isEmpty();
        assertThat(source.getBeansOfType(Flyway.class)).isEmpty();
        for (String bean : List.of("reviewHandOverPoller", "reviewProcessStarter", "extractionWorker", "blobSweeper")) {
            assertThat(source.containsBean(bean)).as(bean).isFalse();
            assertThat(back.containsBean(bean)).as(bean).isTrue();
        }
        assertThat(back.getBeansOfType(ProcessEngine.class)).hasSize(1);
        assertThat(source.getBeansWithAnnotation(ServedOn.class).values())
                .as("no staff controller in the source process")
                .isNotEmpty()
                .allSatisfy(controller -> assertThat(AopUtils.getTargetClass(controller)
                                .getAnnotation(ServedOn.class)
                                .value())
                        .isEqualTo(Face.SOURCE));
        assertThat(source.getEnvironment().getProperty("spring.datasource.username"))
                .isEqualTo(TestDatabase.sourceUser());
    }

    @Test
    void theSourcePortAnswersStaffPathsWith404() throws Exception {
        int sourcePort = source.getBean(FacePorts.class).portOf(Face.SOURCE);
        for (String path : List.of("/login", "/inbox", "/cases/" + UUID.randomUUID(), "/audit")) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sourcePort + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> post = SourceApi.post(
                sourcePort,
                "/cases/" + UUID.randomUUID() + "/replies",
                null,
                "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("text=hello"));
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(SourceApi.page(sourcePort, "/", "x=y").statusCode()).isEqualTo(200);
    }

    @Test
    void theSourceRoleMayReadNoCamundaStaffNoteOrAccessLogTable() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                TestDatabase.jdbcUrl(TestDatabase.database()),
                TestDatabase.sourceUser(),
                TestDatabase.sourcePassword())) {
            for (String query : List.of(
                    "SELECT COUNT(*) FROM act_ru_task",
                    "SELECT COUNT(*) FROM act_ge_property",
                    "SELECT COUNT(*) FROM staff_account",
                    "SELECT COUNT(*) FROM staff_session",
                    "SELECT COUNT(*) FROM case_note",
                    "SELECT COUNT(*) FROM review_case",
                    "SELECT COUNT(*) FROM access_log",
                    "SELECT actor FROM access_log_pending",
                    "SELECT content_key FROM submission_file",
                    "SELECT message_ciphertext FROM submission",
                    "SELECT newsroom_ciphertext FROM source_reply",
                    "SELECT sent_by FROM source_reply",
                    "SELECT COUNT(*) FROM submission_file_metadata",
                    "SELECT COUNT(*) FROM intake_handover",
                    "SELECT COUNT(*) FROM event_publication",
                    "DELETE FROM intake_handover",
                    "UPDATE submission SET shredded_at = NULL",
                    "INSERT INTO staff_account (username, password_hash, enabled, created_at)"
                            + " VALUES ('mallory', 'x', TRUE, CURRENT_TIMESTAMP)")) {
                assertThatThrownBy(() -> connection.createStatement().execute(query))
                        .as(query)
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .as(query)
                                .isEqualTo("42501"));
            }
        }
    }

    @Test
    void aSubmissionToTheSourceProcessStartsItsCaseOnceAndTheSourceCarriesOn() throws Exception {
        int sourcePort = source.getBean(FacePorts.class).portOf(Face.SOURCE);
        List<UUID> before =
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
        HttpResponse<String> upload = SourceApi.submit(
                sourcePort,
                new Multipart()
                        .field("message", "The plan, page one.")
                        .file("files", "page-one.txt", "text/plain", "Page one of the plan.".getBytes()));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        Matcher receipt = RECEIPT.matcher(upload.body());
        assertThat(receipt.find()).isTrue();
        String codename = receipt.group(1);
        List<UUID> after =
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
        assertThat(after).containsAll(before).hasSize(before.size() + 1);
        UUID caseId =
                after.stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();

        // The worker took it over: one process, waiting at triage once the metadata is extracted.
        await().atMost(Duration.ofSeconds(90)).until(() -> triageTasks(caseId) == 1);
        assertThat(count("SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ = ?", caseId.toString()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM intake_handover WHERE submission_id = ?", caseId))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE ?", "%" + caseId + "%"))
                .as("the hand-over is intake's table, not the event registry")
                .isZero();

        // The newsroom replies; the source signs in on the source process, reads it and deletes it.
        back.getBean(SourceCorrespondence.class).reply(caseId, "rita", REPLY);
        HttpResponse<String> signedIn = SourceApi.post(
                sourcePort,
                "/sign-in",
                null,
                "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("codename=" + URLEncoder.encode(codename, StandardCharsets.UTF_8)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        String cookie =
                signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = SourceApi.page(sourcePort, "/source/", cookie).body();
        Element reply = Jsoup.parse(page).selectFirst(".reply");
        assertThat(reply).as(page).isNotNull();
        assertThat(reply.selectFirst(".reply-text").text()).isEqualTo(REPLY);
        assertThat(count("SELECT COUNT(*) FROM source_reply WHERE submission_id = ? AND read_at IS NOT NULL", caseId))
                .isEqualTo(1);
        Element delete = reply.selectFirst("form");
        HttpResponse<String> deleted = SourceApi.post(
                sourcePort,
                delete.attr("action"),
                cookie,
                "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("_csrf="
                        + URLEncoder.encode(
                                delete.selectFirst("input[name=_csrf]").val(), StandardCharsets.UTF_8)));
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(302);
        assertThat(count(
                        "SELECT COUNT(*) FROM source_reply WHERE submission_id = ? AND source_ciphertext IS NULL"
                                + " AND deleted_at IS NOT NULL",
                        caseId))
                .isEqualTo(1);

        // A follow-up with a document: stored by the source process, extracted by the worker.
        Matcher token = SEND_TOKEN.matcher(
                SourceApi.page(sourcePort, "/source/", cookie).body());
        assertThat(token.find()).isTrue();
        Multipart followUp = new Multipart()
                .field("message", "Here is page two.")
                .file("files", "page-two.txt", "text/plain", "Page two of the plan.".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> sent = SourceApi.post(
                sourcePort,
                "/source/send?_csrf=" + token.group(1),
                cookie,
                followUp.contentType(),
                followUp.publisher());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> count(
                                "SELECT COUNT(*) FROM submission_file f JOIN submission_file_metadata m ON m.file_id = f.id"
                                        + " WHERE f.submission_id = ?",
                                caseId)
                        == 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT COUNT(*) FROM intake_handover WHERE submission_id = ?", caseId) == 0);
        assertThat(triageTasks(caseId)).isEqualTo(1);
    }

    private long triageTasks(UUID caseId) {
        return count("""
                SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
                WHERE e.business_key_ = ? AND t.task_def_key_ = 'triage'""", caseId.toString());
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private ConfigurableApplicationContext start(String... more) {
        // As command-line arguments: they outrank the test profile's properties.
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--leakdesk.staff.port=0",
                "--leakdesk.sign-in.secret-key-file=" + folder.resolve("two-factor.key"),
                "--leakdesk.audit.checkpoint-key=" + folder.resolve("checkpoint.ed25519"),
                "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(more));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(LeakDeskApplication.class).run(arguments.toArray(String[]::new));
        contexts.add(context);
        return context;
    }
}
