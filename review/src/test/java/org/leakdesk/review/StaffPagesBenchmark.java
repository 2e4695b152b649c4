package org.leakdesk.review;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.leakdesk.LeakDeskApplication;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseStage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The staff pages over HTTP on PostgreSQL (infra/scripts/benchmark-staff-pages runs it on a fresh
 * database; not part of the test suite): the whole application, a reviewer signed in with
 * password and authenticator code, 10,000 open cases waiting for triage, and a few real cases
 * (the sample story's article and a Word file, extracted for real) whose pages are opened.
 * Prints {@code key=value} lines: p50, p95 and p99 of the time from sending a request to having
 * read the whole answer, over one kept-alive loopback connection, for
 *
 * <ul>
 *   <li>the inbox (first page of 50 of every open task, with the counts of every tab),
 *   <li>a case page (decrypting its documents, metadata and text; two access-log entries),
 *   <li>and, in the same run and over the same connection, the staff style sheet (a static file)
 *       and the sign-in page as references: what any answer costs on this machine.
 * </ul>
 */
public final class StaffPagesBenchmark {

    public static void main(String[] args) throws Exception {
        int openCases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int realCases = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        System.setProperty("spring.profiles.active", "test");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LeakDeskApplication.class)
                .properties("logging.level.root=WARN", "logging.level.org.leakdesk=WARN")
                .run()) {
            TestStaff reviewer = TestStaff.create(context.getBean(StaffAccounts.class), "bench", StaffRole.REVIEWER);
            List<UUID> real = submitRealCases(context, reviewer, realCases);
            seedOpenCases(context, openCases);
            int port = context.getBean(FacePorts.class).portOf(Face.STAFF);
            StaffClient client = StaffClient.signIn(port, reviewer.username(), reviewer.password());

            Map<String, List<String>> paths = new LinkedHashMap<>();
            paths.put("inbox", List.of("/inbox"));
            paths.put("case_page", real.stream().map(id -> "/cases/" + id).toList());
            paths.put("reference_static_css", List.of("/review/staff.css"));
            paths.put("reference_login_page", List.of("/login"));
            check(client, "/inbox", "Tasks 1–50 of");
            check(client, "/cases/" + real.get(0), "id=\"process-diagram\"");

            Map<String, long[]> micros = new LinkedHashMap<>();
            paths.keySet().forEach(name -> micros.put(name, new long[rounds]));
            for (int warmUp = 0; warmUp < 100; warmUp++) {
                for (List<String> each : paths.values()) {
                    client.get(each.get(warmUp % each.size()));
                }
            }
            for (int i = 0; i < rounds; i++) {
                for (Map.Entry<String, List<String>> each : paths.entrySet()) {
                    String path = each.getValue().get(i % each.getValue().size());
                    long start = System.nanoTime();
                    HttpResponse<String> response = client.get(path);
                    micros.get(each.getKey())[i] = (System.nanoTime() - start) / 1000;
                    if (response.statusCode() != 200 && response.statusCode() != 302) {
                        throw new IllegalStateException(path + " answered " + response.statusCode());
                    }
                }
            }
            long openTasks = context.getBean(JdbcClient.class)
                    .sql("SELECT COUNT(*) FROM act_ru_task")
                    .query(Long.class)
                    .single();
            System.out.printf("open_tasks=%d%n", openTasks);
            System.out.printf("real_cases_opened=%d%n", real.size());
            System.out.printf("requests_per_page=%d%n", rounds);
            micros.forEach((name, times) -> {
                Arrays.sort(times);
                System.out.printf("%s_p50_ms=%.1f%n", name, times[times.length / 2] / 1000.0);
                System.out.printf("%s_p95_ms=%.1f%n", name, times[times.length * 95 / 100] / 1000.0);
                System.out.printf("%s_p99_ms=%.1f%n", name, times[times.length * 99 / 100] / 1000.0);
            });
        }
    }

    /** Real submissions (the story's article and a Word file with findings), extracted, waiting for triage. */
    private static List<UUID> submitRealCases(ConfigurableApplicationContext context, TestStaff reviewer, int count)
            throws Exception {
        SubmissionIntake intake = context.getBean(SubmissionIntake.class);
        CaseInbox inbox = context.getBean(CaseInbox.class);
        StaffMember member = new StaffMember(reviewer.username(), Set.of(StaffRole.REVIEWER));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try (SubmissionDraft draft = intake.begin()) {
                for (Path file :
                        List.of(SharedFiles.sample(SharedFiles.PORAVALIT), SharedFiles.corpus("testWORD.docx"))) {
                    try (InputStream in = Files.newInputStream(file)) {
                        draft.addFile(file.getFileName().toString(), null, in);
                    }
                }
                ids.add(draft.commit().submissionId());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (UUID id : ids) {
            while (!awaitingTriage(inbox, id, member)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The real cases did not reach triage within 10 minutes");
                }
                Thread.sleep(100);
            }
        }
        return ids;
    }

    private static boolean awaitingTriage(CaseInbox inbox, UUID caseId, StaffMember member) {
        try {
            return inbox.status(caseId, member).stage() == CaseStage.AWAITING_TRIAGE;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /**
     * Open cases as the process holds them at triage (started there, as if extraction had run):
     * only their number matters to the inbox, and extracting 10,000 files is another benchmark's
     * subject (infra/scripts/benchmark-review).
     */
    private static void seedOpenCases(ConfigurableApplicationContext context, int count) throws Exception {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(threads.submit(() -> transaction.executeWithoutResult(status -> {
                UUID caseId = UUID.randomUUID();
                jdbc.sql("INSERT INTO review_case (case_id, started_at) VALUES (?, ?)")
                        .params(caseId, java.time.OffsetDateTime.now())
                        .update();
                String instance = runtime.createProcessInstanceByKey("leak-review")
                        .businessKey(caseId.toString())
                        .setVariables(Map.of(
                                "submissionId", caseId.toString(),
                                "documentsUnparseable", 0,
                                "documentsWithFindings", 0))
                        .startBeforeActivity("triage")
                        .execute()
                        .getId();
                jdbc.sql("UPDATE review_case SET process_instance_id = ? WHERE case_id = ?")
                        .params(instance, caseId)
                        .update();
            })));
        }
        for (Future<?> started : starts) {
            started.get();
        }
        threads.shutdown();
        threads.awaitTermination(1, TimeUnit.MINUTES);
        analyze(context);
    }

    /** Fresh statistics for the planner, as the tables' owner (autovacuum would take a minute to notice). */
    private static void analyze(ConfigurableApplicationContext context) throws Exception {
        var env = context.getEnvironment();
        try (var connection = java.sql.DriverManager.getConnection(
                        env.getRequiredProperty("spring.datasource.url"),
                        env.getRequiredProperty("spring.flyway.user"),
                        env.getRequiredProperty("spring.flyway.password"));
                var statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    private static void check(StaffClient client, String path, String expected) throws Exception {
        HttpResponse<String> response = client.get(path);
        if (response.statusCode() != 200 || !response.body().contains(expected)) {
            throw new IllegalStateException(path + " did not answer as expected: " + response.statusCode());
        }
        System.out.printf("checked=%s%n", path);
    }
}
