package org.leakdesk.workflow.internal;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.intake.FollowUpReceived;
import org.leakdesk.intake.ReviewHandOver;
import org.leakdesk.intake.SubmissionReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes what intake stored, on any node, into the review: each submission starts its case
 * ({@link ReviewProcessStarter}), each follow-up's documents are extracted ({@link
 * FollowUpExtraction}). Runs in worker processes: every {@code leakdesk.workflow.hand-over.poll-interval},
 * and at once after a submission or follow-up this same process stored commits. Two workers never
 * take the same submission at once (the intake side locks it), and a start already made is
 * recognised ({@link ReviewCases#claimStart}).
 */
@Component
@ConditionalOnProcessRole(ProcessRole.WORKER)
class ReviewHandOverPoller {

    private static final Logger log = LoggerFactory.getLogger(ReviewHandOverPoller.class);
    /** At most this many in one round, so one round never runs unboundedly long. */
    private static final int ROUND = 200;
    /**
     * Submissions started in one transaction when several await (a backlog: after a restart, a
     * burst of arrivals): one commit for them all. Small enough that a start that fails, which
     * sends the whole batch back, costs little.
     */
    private static final int BATCH = 10;

    /** One thread for submissions, one for follow-ups (whose extraction takes a while). */
    private final ExecutorService threads = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "review-hand-over");
        thread.setDaemon(true);
        return thread;
    });

    private final Drain submissions;
    private final Drain followUps;

    ReviewHandOverPoller(
            ReviewHandOver handOver,
            ReviewProcessStarter starter,
            ObjectProvider<FollowUpExtraction> extraction,
            HandOverSettings settings) {
        this.submissions = new Drain(
                "submissions",
                threads,
                () -> handOver.handOverSubmissions(BATCH, settings.retryAfter(), starter::start));
        FollowUpExtraction followUpExtraction = extraction.getIfAvailable();
        this.followUps = new Drain(
                "follow-ups",
                threads,
                () -> followUpExtraction != null
                                && handOver.handOverNextFollowUp(settings.followUpLease(), followUpExtraction::extract)
                        ? 1
                        : 0);
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    @Scheduled(
            fixedDelayString = "${leakdesk.workflow.hand-over.poll-interval}",
            initialDelayString = "${leakdesk.workflow.hand-over.poll-interval}")
    void poll() {
        submissions.wake();
        followUps.wake();
    }

    /** A submission this process stored: take it as soon as it is committed, not at the next poll. */
    @EventListener
    void on(SubmissionReceived received) {
        afterCommit(submissions);
    }

    @EventListener
    void on(FollowUpReceived followUp) {
        afterCommit(followUps);
    }

    private static void afterCommit(Drain drain) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drain.wake();
                }
            });
        }
    }

    /** Takes one kind until none is left, on one thread at a time; a wake-up while it runs makes it look again. */
    private static final class Drain {

        private final String what;
        private final Executor executor;
        private final IntSupplier takeSome;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean requested = new AtomicBoolean();

        /** @param takeSome takes what it can at once and says how many it took (none: nothing waits) */
        Drain(String what, Executor executor, IntSupplier takeSome) {
            this.what = what;
            this.executor = executor;
            this.takeSome = takeSome;
        }

        void wake() {
            requested.set(true);
            if (running.compareAndSet(false, true)) {
                try {
                    executor.execute(this::run);
                } catch (RejectedExecutionException stopping) {
                    // The application is stopping: what awaits is taken after the next start.
                    running.set(false);
                }
            }
        }

        private void run() {
            try {
                while (requested.getAndSet(false)) {
                    takeAll();
                }
            } finally {
                running.set(false);
            }
            if (requested.get()) {
                wake();
            }
        }

        private void takeAll() {
            try {
                int taken = 0;
                int some;
                do {
                    some = takeSome.getAsInt();
                    taken += some;
                } while (some > 0 && taken < ROUND);
            } catch (RuntimeException e) {
                // The one that failed waits and is tried again; the class only (a message could quote content).
                log.warn(
                        "Handing over {} to the review failed ({}); trying again later",
                        what,
                        e.getClass().getName());
            }
        }
    }
}
