package org.leakdesk.infra.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    /** A hash that holds its permit until the test lets go. */
    private static final class HeldHash implements PasswordEncoder {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered;

        HeldHash(int expected) {
            entered = new CountDownLatch(expected);
        }

        @Override
        public String encode(CharSequence raw) {
            return "x";
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Test
    void noMoreThanThePermitsHashAtOnceAndTheRestAreBusy() throws Exception {
        HeldHash held = new HeldHash(2);
        PasswordHashing hashing = new PasswordHashing(held, 2, Duration.ofMillis(100));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> holding = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            holding.add(pool.submit(() -> hashing.matches("pw", "hash")));
        }
        held.entered.await();

        // Both permits are held until released below: every further check waits, then is busy.
        int busy = 0;
        for (int i = 0; i < 5; i++) {
            try {
                hashing.matches("pw", "hash");
            } catch (PasswordHashing.BusyException expected) {
                busy++;
            }
        }
        held.release.countDown();
        for (Future<Boolean> future : holding) {
            assertThat(future.get()).isFalse();
        }
        pool.shutdown();

        assertThat(busy).isEqualTo(5);
        assertThat(hashing.load().peak()).isEqualTo(2);
        assertThat(hashing.load().running()).isZero();
        assertThat(hashing.load().refusedBusy()).isEqualTo(5);
        assertThat(hashing.matches("pw", "hash")).as("permits come back").isFalse();
    }
}
