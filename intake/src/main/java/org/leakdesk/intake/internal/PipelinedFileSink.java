package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One file's content on its way into the store, on three threads so that an upload uses both
 * cores: the request thread copies what the parser hands it into one of a few pieces; a hashing
 * thread runs SHA-256 over each piece while an encrypting thread seals it into the blob. The
 * pieces ({@value #PIECES} of {@value #PIECE_BYTES} bytes) are the only place the plaintext
 * lives; each is wiped when the file ends, however it ends.
 *
 * <p>The encrypting stream is opened when the first piece goes to the encrypting thread: a file
 * that ends within its first piece is opened knowing its length, so that a short file is
 * encrypted in segments no larger than it needs (reading it back then needs no more either).
 *
 * <p>A failure on either thread (the disk is full, say) is raised on the request thread at its
 * next write or at {@link #finish()}; the threads keep handing pieces back until the end, so the
 * request thread never waits for a piece that will not come.
 */
final class PipelinedFileSink implements AutoCloseable {

    static final int PIECE_BYTES = 1 << 18;
    static final int PIECES = 8;
    /** How long the request thread waits for a free piece before it looks for a failure again. */
    private static final long POLL_MILLIS = 200;

    private static final class Piece {
        final byte[] bytes;
        final AtomicInteger readers = new AtomicInteger();
        int length;

        Piece(int size) {
            this.bytes = new byte[size];
        }
    }

    /** Tells a worker that the file has ended (or was abandoned). */
    private static final Piece END = new Piece(0);

    private final List<Piece> all = new ArrayList<>(PIECES);
    private final BlockingQueue<Piece> free = new ArrayBlockingQueue<>(PIECES);
    private final BlockingQueue<Piece> toHash = new LinkedBlockingQueue<>();
    private final BlockingQueue<Piece> toEncrypt = new LinkedBlockingQueue<>();
    private final CompletableFuture<byte[]> digest = new CompletableFuture<>();
    private final CompletableFuture<Void> encrypted = new CompletableFuture<>();
    private final Target target;
    /**
     * Opened by the request thread before it hands over the first piece; the encrypting thread
     * sees it through the queue it takes that piece from.
     */
    private @Nullable OutputStream plaintext;

    private volatile @Nullable Throwable failure;
    private @Nullable Piece filling;
    private boolean ended;

    /** Where the content goes: the encrypting stream into the blob, opened once, when first needed. */
    interface Target {
        /** @param length the file's whole length when it is known by now, or -1 */
        OutputStream open(long length) throws IOException;
    }

    /** Starts the two workers on {@code threads}; {@code target} opens the encrypting stream into the blob. */
    PipelinedFileSink(Target target, Executor threads) {
        this.target = target;
        MessageDigest sha256 = sha256();
        threads.execute(() -> work(
                toHash,
                piece -> sha256.update(piece.bytes, 0, piece.length),
                () -> digest.complete(sha256.digest()),
                digest));
        threads.execute(() -> work(
                toEncrypt,
                piece -> opened().write(piece.bytes, 0, piece.length),
                () -> encrypted.complete(null),
                encrypted));
    }

    /** Copies {@code content} into pieces and hands each full piece to both workers. */
    void write(ByteBuffer content) throws IOException {
        while (content.hasRemaining()) {
            raiseFailure();
            Piece piece = filling != null ? filling : (filling = nextFree());
            if (piece == null) {
                continue;
            }
            int take = Math.min(content.remaining(), piece.bytes.length - piece.length);
            content.get(piece.bytes, piece.length, take);
            piece.length += take;
            if (piece.length == piece.bytes.length) {
                open(-1);
                handOver(piece);
                filling = null;
            }
        }
    }

    /**
     * Waits until both workers are through, closes the encrypting stream (its last segment) and
     * returns the SHA-256 of everything written.
     */
    byte[] finish() throws IOException {
        raiseFailure();
        // Nothing handed over yet: the file is what the piece being filled holds (maybe nothing).
        open(filling != null ? filling.length : 0);
        if (filling != null && filling.length > 0) {
            handOver(filling);
        }
        filling = null;
        end();
        byte[] hash = await(digest);
        await(encrypted);
        raiseFailure();
        opened().close();
        return hash;
    }

    private void open(long length) throws IOException {
        if (plaintext == null) {
            plaintext = target.open(length);
        }
    }

    private OutputStream opened() {
        OutputStream stream = plaintext;
        if (stream == null) {
            throw new IllegalStateException("The encrypting stream is opened before the first piece is handed over");
        }
        return stream;
    }

    /** Ends the workers if {@link #finish()} did not, and wipes every piece. */
    @Override
    public void close() throws IOException {
        if (!ended) {
            failure = failure != null ? failure : new IOException("The file was abandoned");
            end();
            try {
                digest.handle((ok, e) -> null).get();
                encrypted.handle((ok, e) -> null).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException impossible) {
                // handle() never completes exceptionally.
            }
        }
        for (Piece piece : all) {
            Arrays.fill(piece.bytes, (byte) 0);
        }
    }

    /** For tests: whether every piece this file used is wiped. */
    boolean piecesHoldOnlyZeros() {
        for (Piece piece : all) {
            for (byte b : piece.bytes) {
                if (b != 0) {
                    return false;
                }
            }
        }
        return !all.isEmpty();
    }

    private void end() {
        ended = true;
        toHash.add(END);
        toEncrypt.add(END);
    }

    private void handOver(Piece piece) {
        piece.readers.set(2);
        toHash.add(piece);
        toEncrypt.add(piece);
    }

    private @Nullable Piece nextFree() throws IOException {
        if (free.isEmpty() && all.size() < PIECES) {
            // Pieces are made as the file needs them: a short file costs one.
            Piece piece = new Piece(PIECE_BYTES);
            all.add(piece);
            return piece;
        }
        try {
            Piece piece = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (piece != null) {
                piece.length = 0;
            }
            return piece;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing a file");
        }
    }

    private void release(Piece piece) {
        if (piece.readers.decrementAndGet() == 0) {
            free.add(piece);
        }
    }

    private interface Step {
        void accept(Piece piece) throws IOException;
    }

    /**
     * One worker: applies {@code step} to each piece until the end, then {@code done}. After a
     * failure (its own or the request thread's) it only hands pieces back.
     */
    private void work(BlockingQueue<Piece> queue, Step step, Runnable done, CompletableFuture<?> result) {
        try {
            for (Piece piece = queue.take(); piece != END; piece = queue.take()) {
                try {
                    if (failure == null) {
                        step.accept(piece);
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e;
                } finally {
                    release(piece);
                }
            }
            if (failure == null) {
                done.run();
            } else {
                result.completeExceptionally(failure);
            }
        } catch (InterruptedException e) {
            // The application is stopping: the request fails and its draft deletes the blob.
            failure = e;
            result.completeExceptionally(e);
        } catch (Error e) {
            failure = e;
            result.completeExceptionally(e);
            throw e;
        }
    }

    private void raiseFailure() throws IOException {
        Throwable e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        if (e != null) {
            throw new IOException("Storing the file failed", e);
        }
    }

    private <T> T await(CompletableFuture<T> result) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing a file");
        } catch (ExecutionException e) {
            raiseFailure();
            throw new IOException("Storing the file failed", e.getCause());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
