package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leakdesk.intake.FollowUpReceived;
import org.leakdesk.intake.Receipt;
import org.leakdesk.intake.ReturningSources;
import org.leakdesk.intake.ReviewHandOver;
import org.leakdesk.intake.SignedInSource;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionReceived;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hand-over to review on PostgreSQL (this module runs no review, so nothing else takes the
 * rows): a stored submission or follow-up awaits review until taken; a row one caller holds is
 * skipped by another, not waited for; a failed taking leaves it for later; a follow-up's lease
 * hands it out again once it runs out.
 */
@SpringBootTest
class ReviewHandOverTest {

    private static final Duration LATER = Duration.ofMillis(300);

    @Autowired
    SubmissionIntake intake;

    @Autowired
    ReturningSources sources;

    @Autowired
    ReviewHandOver handOver;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void takeWhatOtherTestsLeft() {
        while (handOver.handOverNextSubmission(LATER, received -> {})) {
            // taken
        }
        while (handOver.handOverNextFollowUp(LATER, followUp -> {})) {
            // taken
        }
    }

    @Test
    void aSubmissionAwaitsReviewUntilTakenAndAHeldOneIsSkippedNotWaitedFor() throws Exception {
        Receipt receipt = submit();
        assertThat(handOver.awaiting()).isEqualTo(1);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<SubmissionReceived> first = new ArrayList<>();
        CompletableFuture<Boolean> holder =
                CompletableFuture.supplyAsync(() -> handOver.handOverNextSubmission(LATER, received -> {
                    first.add(received);
                    holding.countDown();
                    await(release);
                }));
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        // Another worker meanwhile: the held row is not given out twice, and it does not block.
        List<SubmissionReceived> second = new ArrayList<>();
        assertThat(handOver.handOverNextSubmission(LATER, second::add)).isFalse();
        assertThat(second).isEmpty();
        release.countDown();
        assertThat(holder.get(30, TimeUnit.SECONDS)).isTrue();

        assertThat(first).singleElement().satisfies(received -> {
            assertThat(received.submissionId()).isEqualTo(receipt.submissionId());
            assertThat(received.fileCount()).isEqualTo(1);
        });
        assertThat(handOver.awaiting()).isZero();
        assertThat(handOver.handOverNextSubmission(LATER, second::add)).isFalse();
    }

    @Test
    void aFailedTakingLeavesTheSubmissionForLater() throws Exception {
        Receipt receipt = submit();
        assertThatThrownBy(() -> handOver.handOverNextSubmission(LATER, received -> {
                    throw new IllegalStateException("the engine is away");
                }))
                .hasMessage("the engine is away");
        assertThat(handOver.awaiting()).isEqualTo(1);
        List<SubmissionReceived> taken = new ArrayList<>();
        assertThat(handOver.handOverNextSubmission(LATER, taken::add))
                .as("it waits before it is tried again")
                .isFalse();
        Thread.sleep(LATER.toMillis() + 200);
        assertThat(handOver.handOverNextSubmission(LATER, taken::add)).isTrue();
        assertThat(taken)
                .singleElement()
                .extracting(SubmissionReceived::submissionId)
                .isEqualTo(receipt.submissionId());
        assertThat(handOver.awaiting()).isZero();
    }

    @Test
    void aBatchHandsOverTheOldestFirstAndAStartThatFailsSendsTheWholeBatchBack() throws Exception {
        List<UUID> submitted = List.of(submit().submissionId(), submit().submissionId(), submit().submissionId());
        List<UUID> started = new ArrayList<>();

        assertThatThrownBy(() -> handOver.handOverSubmissions(10, LATER, received -> {
                    if (received.submissionId().equals(submitted.get(1))) {
                        throw new IllegalStateException("the engine is away");
                    }
                    started.add(received.submissionId());
                }))
                .hasMessage("the engine is away");
        assertThat(started).containsExactly(submitted.get(0));
        assertThat(handOver.awaiting())
                .as("nothing of the batch was handed over")
                .isEqualTo(3);

        started.clear();
        assertThat(handOver.handOverSubmissions(10, LATER, received -> started.add(received.submissionId())))
                .as("the one that failed waits; the others are taken at once")
                .isEqualTo(2);
        assertThat(started).containsExactly(submitted.get(0), submitted.get(2));
        Thread.sleep(LATER.toMillis() + 200);
        assertThat(handOver.handOverSubmissions(10, LATER, received -> started.add(received.submissionId())))
                .isEqualTo(1);
        assertThat(started).containsExactly(submitted.get(0), submitted.get(2), submitted.get(1));
        assertThat(handOver.awaiting()).isZero();
    }

    @Test
    void aBatchTakesAtMostWhatItIsAskedFor() throws Exception {
        List<UUID> submitted = List.of(submit().submissionId(), submit().submissionId(), submit().submissionId());
        List<UUID> started = new ArrayList<>();

        assertThat(handOver.handOverSubmissions(2, LATER, received -> started.add(received.submissionId())))
                .isEqualTo(2);
        assertThat(handOver.awaiting()).isEqualTo(1);
        assertThat(handOver.handOverSubmissions(2, LATER, received -> started.add(received.submissionId())))
                .isEqualTo(1);
        assertThat(handOver.handOverSubmissions(2, LATER, received -> started.add(received.submissionId())))
                .isZero();
        assertThat(started).containsExactlyElementsOf(submitted);
    }

    @Test
    void aFollowUpIsHandedOutAgainWhenItsLeaseRunsOutAndGoneOnceTaken() throws Exception {
        Receipt receipt = submit();
        assertThat(handOver.handOverNextSubmission(LATER, received -> {})).isTrue();
        SignedInSource source = sources.signIn(receipt.codename()).orElseThrow();
        try (SubmissionDraft followUp = sources.followUp(source)) {
            followUp.setMessage("page two follows");
            followUp.addFile("page-2.txt", "text/plain", new ByteArrayInputStream("page two".getBytes()));
            followUp.commit();
        }
        UUID followUpId = jdbc.sql("SELECT id FROM source_follow_up WHERE submission_id = ?")
                .param(receipt.submissionId())
                .query(UUID.class)
                .single();
        assertThat(handOver.awaiting()).isEqualTo(1);

        // A worker takes it and dies (here: throws) before it is done.
        assertThatThrownBy(() -> handOver.handOverNextFollowUp(LATER, followUp -> {
                    throw new IllegalStateException("killed");
                }))
                .hasMessage("killed");
        List<FollowUpReceived> taken = new ArrayList<>();
        assertThat(handOver.handOverNextFollowUp(LATER, taken::add))
                .as("leased")
                .isFalse();
        Thread.sleep(LATER.toMillis() + 200);
        assertThat(handOver.handOverNextFollowUp(LATER, taken::add)).isTrue();
        assertThat(taken).singleElement().satisfies(followUp -> {
            assertThat(followUp.submissionId()).isEqualTo(receipt.submissionId());
            assertThat(followUp.followUpId()).isEqualTo(followUpId);
            assertThat(followUp.fileCount()).isEqualTo(1);
        });
        assertThat(handOver.awaiting()).isZero();
    }

    private Receipt submit() throws IOException {
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("memo.txt", "text/plain", new ByteArrayInputStream("an internal memo".getBytes()));
            return draft.commit();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
