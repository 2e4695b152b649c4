package org.leakdesk.workflow.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.InboxPage;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review process on PostgreSQL (infra/scripts/benchmark-review runs it on a fresh database;
 * not part of the test suite). Prints {@code key=value} lines:
 *
 * <ul>
 *   <li>cases started per second: N stored submissions handed over at once (their rows in
 *       {@code intake_handover}, taken by the worker's poller as the product does),
 *       until every case's triage task is ready (process start, metadata extraction in the
 *       parser children, triage), with the real extraction workers, and the CPU time each case
 *       took in this JVM, in the parser children and in this database's PostgreSQL backends, with
 *       how much of the machine everything else used meanwhile ({@link CpuMeter}); after the N
 *       cases have gone through once untimed (the JIT's warm-up), in three timed rounds (the
 *       machine's speed varies between them), each printed with its {@code roundK_} keys, and
 *       the median round's rate as {@code cases_started_per_s};
 *   <li>the inbox query of one reviewer (first page of 50, with the total) with 10,000 open
 *       cases: p50, p95 and p99 over 300 queries after 50 warm-up queries.
 * </ul>
 */
public final class ReviewProcessBenchmark {

    private static final StaffMember REVIEWER = new StaffMember("bench-reviewer", Set.of(StaffRole.REVIEWER));

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int openCases = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("spring.profiles.active", "test");
        casesStartedPerSecond(cases, rounds);
        inboxWithOpenCases(openCases);
    }

    private static void casesStartedPerSecond(int cases, int rounds) throws Exception {
        try (ConfigurableApplicationContext context = boot(true)) {
            SubmissionIntake intake = context.getBean(SubmissionIntake.class);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            RuntimeService runtime = context.getBean(RuntimeService.class);
            for (int i = 0; i < cases; i++) {
                try (SubmissionDraft draft = intake.begin()) {
                    draft.addFile(
                            "memo-" + i + ".txt",
                            "text/plain",
                            new ByteArrayInputStream(
                                    ("An internal memo, number " + i + ".").getBytes(StandardCharsets.UTF_8)));
                    draft.commit();
                }
            }
            // The uploads started their processes as they came (and warmed everything up): wait for
            // them. Each timed round then takes the cases back and starts each one from its hand-over
            // again; the machine's speed varies from one round to the next, so every round is shown
            // and the median is the figure.
            awaitTriage(jdbc, cases);
            ReviewHandOverPoller poller = AopTestUtils.getTargetObject(context.getBean(ReviewHandOverPoller.class));
            List<Double> rates = new ArrayList<>();
            List<Double> cpuPerCase = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                runtime.createProcessInstanceQuery()
                        .processDefinitionKey(ProcessVariables.PROCESS_KEY)
                        .list()
                        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "benchmark"));
                jdbc.sql("DELETE FROM review_case").update();
                jdbc.sql("DELETE FROM submission_file_metadata").update();

                // The product's way: each stored submission is handed over (intake_handover, as
                // intake writes it), and the worker's poller starts the cases.
                String prefix = "round" + round + "_";
                CpuMeter cpu = CpuMeter.start(jdbc);
                long start = System.nanoTime();
                jdbc.sql("""
                        INSERT INTO intake_handover (id, submission_id, follow_up_id, file_count, arrived_at)
                        SELECT id, id, NULL, 1, received_at FROM submission""").update();
                poller.poll();
                awaitStarted(jdbc, cases);
                double started = (System.nanoTime() - start) / 1e9;
                awaitTriage(jdbc, cases);
                double seconds = (System.nanoTime() - start) / 1e9;
                cpuPerCase.add(cpu.print(cases, prefix));
                rates.add(cases / seconds);
                System.out.printf("%scases_started_per_s=%.1f%n", prefix, cases / seconds);
                System.out.printf("%sevent_to_triage_seconds_total=%.2f%n", prefix, seconds);
                System.out.printf("%sprocesses_started_seconds=%.2f%n", prefix, started);
            }
            System.out.printf("cases=%d%n", cases);
            System.out.printf("rounds=%d%n", rounds);
            System.out.printf("cases_started_per_s=%.1f%n", median(rates));
            System.out.printf("cases_started_per_s_min=%.1f%n", Collections.min(rates));
            System.out.printf("cases_started_per_s_max=%.1f%n", Collections.max(rates));
            System.out.printf("cpu_ms_per_case_total=%.2f%n", median(cpuPerCase));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void inboxWithOpenCases(int openCases) throws Exception {
        try (ConfigurableApplicationContext context = boot(false)) {
            RuntimeService runtime = context.getBean(RuntimeService.class);
            ExternalTaskService externalTasks = context.getBean(ExternalTaskService.class);
            ReviewCases reviewCases = context.getBean(ReviewCases.class);
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < openCases; i++) {
                starts.add(threads.submit(() -> transaction.executeWithoutResult(status -> {
                    UUID caseId = UUID.randomUUID();
                    reviewCases.claimStart(caseId);
                    String instance = runtime.startProcessInstanceByKey(
                                    ProcessVariables.PROCESS_KEY,
                                    caseId.toString(),
                                    Map.of(ProcessVariables.SUBMISSION_ID, caseId.toString()))
                            .getId();
                    reviewCases.started(caseId, instance);
                })));
            }
            for (Future<?> started : starts) {
                started.get();
            }
            for (List<LockedExternalTask> locked = lock(externalTasks);
                    !locked.isEmpty();
                    locked = lock(externalTasks)) {
                List<Future<?>> completions = new ArrayList<>();
                for (LockedExternalTask task : locked) {
                    completions.add(threads.submit(() -> externalTasks.complete(
                            task.getId(), "bench", Map.of(ProcessVariables.DOCUMENTS_UNPARSEABLE, 0))));
                }
                for (Future<?> completion : completions) {
                    completion.get();
                }
            }
            threads.shutdown();
            threads.awaitTermination(1, TimeUnit.MINUTES);
            long open = context.getBean(TaskService.class).createTaskQuery().count();
            CaseInbox inbox = context.getBean(CaseInbox.class);
            for (int i = 0; i < 50; i++) {
                inbox.inbox(REVIEWER, 0, 50);
            }
            long[] micros = new long[300];
            InboxPage page = null;
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                page = inbox.inbox(REVIEWER, i % 5, 50);
                micros[i] = (System.nanoTime() - start) / 1000;
            }
            Arrays.sort(micros);
            System.out.printf("open_tasks=%d%n", open);
            System.out.printf("inbox_total_for_reviewer=%d%n", page.total());
            System.out.printf("inbox_page_size=%d%n", page.pageSize());
            System.out.printf("inbox_p50_ms=%.1f%n", micros[micros.length / 2] / 1000.0);
            System.out.printf("inbox_p95_ms=%.1f%n", micros[micros.length * 95 / 100] / 1000.0);
            System.out.printf("inbox_p99_ms=%.1f%n", micros[micros.length * 99 / 100] / 1000.0);
        }
    }

    private static List<LockedExternalTask> lock(ExternalTaskService externalTasks) {
        return externalTasks
                .fetchAndLock(500, "bench")
                .topic(ExtractionWorker.TOPIC, 600_000)
                .execute();
    }

    /** Until every case's process has started (its hand-over row taken). */
    private static void awaitStarted(JdbcClient jdbc, int cases) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (jdbc.sql("SELECT COUNT(*) FROM review_case").query(Long.class).single() < cases) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cases did not start within 10 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static void awaitTriage(JdbcClient jdbc, int cases) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (jdbc.sql("SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'triage'")
                        .query(Long.class)
                        .single()
                < cases) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cases did not reach triage within 10 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static ConfigurableApplicationContext boot(boolean jobsAndExtraction) {
        return new SpringApplicationBuilder(BenchmarkApplication.class)
                .properties(
                        "camunda.bpm.job-execution.enabled=" + jobsAndExtraction,
                        "logging.level.root=WARN",
                        "logging.level.org.leakdesk=WARN")
                .run();
    }

    /** The workflow module with everything below it, as its tests boot it. */
    @org.springframework.boot.autoconfigure.SpringBootApplication(scanBasePackages = "org.leakdesk")
    static class BenchmarkApplication {}
}
