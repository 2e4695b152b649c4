package org.leakdesk.infra.accounts;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.leakdesk.infra.SignInLoad;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with a cap on how many hashes run at once. Each one takes 19 MiB and a third of a
 * second of a core: 200 sign-in attempts at once would otherwise take 4 GiB of heap. A check
 * that cannot get a permit within the wait is refused as {@link BusyException}; hashing a new
 * password (an admin's action) waits as long as it takes.
 */
final class PasswordHashing implements PasswordEncoder {

    /** Every permit stayed taken for the whole wait. */
    static final class BusyException extends RuntimeException {
        BusyException() {
            super("Too many password checks at once", null, false, false);
        }
    }

    private final PasswordEncoder argon2;
    private final Semaphore permits;
    private final int permitCount;
    private final Duration wait;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    PasswordHashing(PasswordEncoder argon2, int permits, Duration wait) {
        this.argon2 = argon2;
        this.permits = new Semaphore(permits, true);
        this.permitCount = permits;
        this.wait = wait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        permits.acquireUninterruptibly();
        try {
            enter();
            return argon2.encode(rawPassword);
        } finally {
            leave();
        }
    }

    /** @throws BusyException if no permit came free within the wait */
    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        try {
            if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                refused.incrementAndGet();
                throw new BusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException();
        }
        try {
            enter();
            return argon2.matches(rawPassword, encodedPassword);
        } finally {
            leave();
        }
    }

    SignInLoad load() {
        return new SignInLoad(permitCount, running.get(), peak.get(), refused.get());
    }

    private void enter() {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    private void leave() {
        running.decrementAndGet();
        permits.release();
    }
}
