package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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
import org.jspecify.annotations.Nullable;

/**
 * One file's content on its way into the store, on two threads so that an upload uses both
 * cores: the request thread copies what the parser hands it into one of a few pieces while an
 * encrypting thread seals the pieces before it into the blob. No hash is taken here: the
 * document's SHA-256 is taken when extraction reads the stored copy back (the authenticated
 * encryption makes that copy the bytes received), off the source's path. The pieces
 * ({@value #PIECES} of {@value #PIECE_BYTES} bytes) are the only place the plaintext lives; each
 * is wiped when the file ends, however it ends.
 *
 * <p>The encrypting stream is opened when the first piece goes to the encrypting thread: a file
 * that ends within its first piece is opened knowing its length, so that a short file is
 * encrypted in segments no larger than it needs (reading it back then needs no more either).
 *
 * <p>A failure on the encrypting thread (the disk is full, say) is raised on the request thread
 * at its next write or at {@link #finish()}; that thread keeps handing pieces back until the end,
 * so the request thread never waits for a piece that will not come.
 */
final class PipelinedFileSink implements AutoCloseable {

    static final int PIECE_BYTES = 1 << 18;
    static final int PIECES = 8;
    /** How long the request thread waits for a free piece before it looks for a failure again. */
    private static final long POLL_MILLIS = 200;

    private static final class Piece {
        final byte[] bytes;
        int length;

        Piece(int size) {
            this.bytes = new byte[size];
        }
    }

    /** Tells a worker that the file has ended (or was abandoned). */
    private static final Piece END = new Piece(0);

    private final List<Piece> all = new ArrayList<>(PIECES);
    private final BlockingQueue<Piece> free = new ArrayBlockingQueue<>(PIECES);
    private final BlockingQueue<Piece> toEncrypt = new LinkedBlockingQueue<>();
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

    /** Starts the encrypting worker on {@code threads}; {@code target} opens the encrypting stream into the blob. */
    PipelinedFileSink(Target target, Executor threads) {
        this.target = target;
        threads.execute(this::encrypt);
    }

    /** Copies {@code content} into pieces and hands each full piece to the encrypting worker. */
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

    /** Waits until the encrypting worker is through and closes the encrypting stream (its last segment). */
    void finish() throws IOException {
        raiseFailure();
        // Nothing handed over yet: the file is what the piece being filled holds (maybe nothing).
        open(filling != null ? filling.length : 0);
        if (filling != null && filling.length > 0) {
            handOver(filling);
        }
        filling = null;
        end();
        await(encrypted);
        raiseFailure();
        opened().close();
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

    /** Ends the worker if {@link #finish()} did not, and wipes every piece. */
    @Override
    public void close() throws IOException {
        if (!ended) {
            failure = failure != null ? failure : new IOException("The file was abandoned");
            end();
            try {
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
        toEncrypt.add(END);
    }

    private void handOver(Piece piece) {
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

    /**
     * The encrypting worker: writes each piece into the encrypting stream until the end. After a
     * failure (its own or the request thread's) it only hands pieces back.
     */
    private void encrypt() {
        try {
            for (Piece piece = toEncrypt.take(); piece != END; piece = toEncrypt.take()) {
                try {
                    if (failure == null) {
                        opened().write(piece.bytes, 0, piece.length);
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e;
                } finally {
                    free.add(piece);
                }
            }
            if (failure == null) {
                encrypted.complete(null);
            } else {
                encrypted.completeExceptionally(failure);
            }
        } catch (InterruptedException e) {
            // The application is stopping: the request fails and its draft deletes the blob.
            failure = e;
            encrypted.completeExceptionally(e);
        } catch (Error e) {
            failure = e;
            encrypted.completeExceptionally(e);
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

    private void await(CompletableFuture<Void> result) throws IOException {
        try {
            result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing a file");
        } catch (ExecutionException e) {
            raiseFailure();
            throw new IOException("Storing the file failed", e.getCause());
        }
    }
}
