package org.leakdesk.intake.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.leakdesk.intake.parsing.ChildWire;

/**
 * One running parser child and its pipes. A call that breaks a limit kills the process; the
 * child is then {@linkplain #broken() broken} and must be closed, never reused.
 */
final class ParserChild implements AutoCloseable {

    /** {@code -XX:+ExitOnOutOfMemoryError} ends the JVM with this status. */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private final Process process;
    private final Path scratch;
    private final DataOutputStream requests;
    private final DataInputStream replies;
    private final ScheduledExecutorService watchdog;
    private final String heapLimit;
    private boolean broken;
    private int documents;

    private ParserChild(Process process, Path scratch, ScheduledExecutorService watchdog, String heapLimit) {
        this.process = process;
        this.scratch = scratch;
        this.watchdog = watchdog;
        this.heapLimit = heapLimit;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 64 * 1024));
        this.replies = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024));
    }

    /**
     * Starts a child and waits until it is ready (Tika loaded).
     *
     * @throws ParsersUnavailableException if it does not come up within {@code startTimeout}
     */
    static ParserChild start(
            ChildLauncher launcher,
            ScratchSpace scratchSpace,
            ScheduledExecutorService watchdog,
            String heapLimit,
            Duration startTimeout)
            throws IOException {
        Path scratch = scratchSpace.newFolder();
        Process process;
        try {
            process = launcher.start(scratch);
        } catch (IOException e) {
            ScratchSpace.delete(scratch);
            throw new ParsersUnavailableException("A parser child could not be started: " + e.getMessage());
        }
        ParserChild child = new ParserChild(process, scratch, watchdog, heapLimit);
        child.awaitReady(startTimeout);
        return child;
    }

    private void awaitReady(Duration timeout) {
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> kill = killAfter(timeout, late);
        try {
            if (replies.readInt() != ChildWire.READY) {
                throw new IOException("unexpected greeting");
            }
        } catch (IOException e) {
            close();
            throw new ParsersUnavailableException(
                    late.get()
                            ? "A parser child did not start within " + timeout.toSeconds() + " seconds"
                            : "A parser child did not start (exit status " + exitStatus() + ")");
        } finally {
            kill.cancel(false);
        }
    }

    /**
     * Sends one document and waits for the answer, at most {@code timeout} in all.
     *
     * @throws ChildWire.SourceFailure if reading {@code document} failed; the child is then broken too
     * @throws ChildFailure if the child broke a limit or died; it is broken
     */
    ChildWire.Reply call(
            int operation, String fileName, long length, InputStream document, Duration timeout, int maxReply)
            throws ChildWire.SourceFailure, ChildFailure {
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> kill = killAfter(timeout, late);
        try {
            ChildWire.writeRequest(requests, operation, fileName, length, document);
            ChildWire.Reply reply = ChildWire.readReply(replies, maxReply);
            documents++;
            return reply;
        } catch (ChildWire.SourceFailure e) {
            broken = true;
            close();
            throw e;
        } catch (ChildWire.ReplyTooLarge e) {
            broken = true;
            close();
            throw new ChildFailure("its metadata and text were larger than the output limit");
        } catch (IOException e) {
            broken = true;
            throw new ChildFailure(late.get() ? "it took longer than " + seconds(timeout) : whyDead());
        } finally {
            kill.cancel(false);
        }
    }

    private String exitStatus() {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    /** Kills the child when the time is up, and says so in {@code late}; cancel it when the answer came. */
    private ScheduledFuture<?> killAfter(Duration timeout, AtomicBoolean late) {
        return watchdog.schedule(
                () -> {
                    late.set(true);
                    process.destroyForcibly();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    boolean broken() {
        return broken || !process.isAlive();
    }

    int documents() {
        return documents;
    }

    private String whyDead() {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "the parser stopped answering";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "parsing was interrupted";
        }
        return process.exitValue() == OUT_OF_MEMORY_EXIT
                ? "it needed more than " + heapLimit + " of memory"
                : "the parser crashed (exit status " + process.exitValue() + ")";
    }

    private static String seconds(Duration timeout) {
        return timeout.toSeconds() + " seconds";
    }

    /** Ends the process (closing its input lets a healthy child exit by itself) and wipes its scratch folder. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException ignored) {
            // The pipe is gone already; the process is ended below either way.
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            ScratchSpace.delete(scratch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not wipe a parser's scratch folder", e);
        }
    }
}
