package org.leakdesk.infra;

import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Work run once, in the background at the lowest priority, after the application is ready, so
 * that the JIT has compiled a hot path with the CPU's instructions before the first real request
 * needs it. Only speed is at stake: a failure is logged (its class only) and ignored. A size of 0
 * turns it off, as the tests do.
 */
public abstract class BackgroundWarmUp {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String what;
    private final long bytes;

    /**
     * @param what names the path in the thread's name and the log line, e.g. {@code "Upload path"}
     * @param bytes how much to run through it
     */
    protected BackgroundWarmUp(String what, long bytes) {
        this.what = what;
        this.bytes = bytes;
    }

    /** Runs {@code bytes} of generated content through the path; stores nothing. */
    protected abstract void run(long bytes) throws IOException;

    @EventListener(ApplicationReadyEvent.class)
    public void warmUpInBackground() {
        if (bytes <= 0) {
            return;
        }
        Thread thread = new Thread(
                this::warmUp,
                "leakdesk-warm-up-" + what.toLowerCase(Locale.ROOT).replace(' ', '-'));
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** Runs the warm-up in the calling thread. */
    public void warmUp() {
        long start = System.nanoTime();
        try {
            run(bytes);
            log.info("{} warmed up ({} MiB in {} ms)", what, bytes >> 20, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.warn("{} warm-up failed: {}", what, e.getClass().getName());
        }
    }
}
