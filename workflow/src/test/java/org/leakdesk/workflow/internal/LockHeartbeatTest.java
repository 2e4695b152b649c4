package org.leakdesk.workflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the lock check before a document asks the engine, and what a refusal does to later checks. */
class LockHeartbeatTest {

    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final Instant LOCKED_AT = Instant.parse("2026-12-03T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger extensions = new AtomicInteger();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aLockTakenOrExtendedLessThanAThirdOfItsDurationAgoIsNotExtendedAgain() {
        try (LockHeartbeat lock = new LockHeartbeat(LOCK, clock, LOCKED_AT, timer, extensions::incrementAndGet)) {
            clock.now = LOCKED_AT.plusSeconds(1);
            lock.check(); // the first document, just after the fetch
            assertThat(extensions).as("right after the fetch").hasValue(0);

            clock.now = LOCKED_AT.plus(LOCK.dividedBy(3));
            lock.check();
            assertThat(extensions).as("a third of the lock gone").hasValue(1);

            clock.now = clock.now.plusSeconds(30);
            lock.check();
            assertThat(extensions).as("just extended").hasValue(1);

            clock.now = clock.now.plus(LOCK);
            lock.check();
            assertThat(extensions).as("a parse longer than the lock").hasValue(2);
        }
    }

    @Test
    void onceAnExtensionIsRefusedEveryLaterCheckFailsEvenASoonOne() {
        RuntimeException refused = new IllegalStateException("locked by another worker");
        try (LockHeartbeat lock = new LockHeartbeat(LOCK, clock, LOCKED_AT, timer, () -> {
            extensions.incrementAndGet();
            throw refused;
        })) {
            clock.now = LOCKED_AT.plus(LOCK).plus(Duration.ofMinutes(1)); // stalled past the lock
            assertThatThrownBy(lock::check).isSameAs(refused);

            clock.now = clock.now.plusSeconds(1);
            assertThatThrownBy(lock::check).hasCause(refused);
            assertThat(extensions).as("asked once").hasValue(1);
        }
    }

    @Test
    void theTimerExtendsEveryThirdOfTheLock() throws InterruptedException {
        AtomicInteger beats = new AtomicInteger();
        try (LockHeartbeat lock = new LockHeartbeat(
                Duration.ofMillis(300), Clock.systemUTC(), Instant.now(), timer, beats::incrementAndGet)) {
            Thread.sleep(1_000);
        }
        int afterClose = beats.get();
        assertThat(afterClose).as("about one beat per 100 ms").isGreaterThanOrEqualTo(3);
        Thread.sleep(300);
        assertThat(beats).as("no beat after close").hasValue(afterClose);
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now = LOCKED_AT;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
