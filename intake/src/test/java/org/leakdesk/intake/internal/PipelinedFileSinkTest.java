package org.leakdesk.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelinedFileSinkTest {

    private final UploadThreads threads = new UploadThreads();

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void passesOnEveryByteInOrderWhateverThePieceSizes() throws Exception {
        byte[] content = new byte[PipelinedFileSink.PIECE_BYTES * PipelinedFileSink.PIECES * 3 + 12_345];
        new Random(7).nextBytes(content);
        ClosingSink out = new ClosingSink();
        try (PipelinedFileSink sink = new PipelinedFileSink(length -> out, threads::execute)) {
            Random sizes = new Random(11);
            int at = 0;
            while (at < content.length) {
                int n = Math.min(content.length - at, 1 + sizes.nextInt(700_000));
                // Direct and heap buffers both, as the parser hands either.
                ByteBuffer piece = sizes.nextBoolean()
                        ? ByteBuffer.wrap(content, at, n)
                        : ByteBuffer.allocateDirect(n).put(content, at, n).flip();
                sink.write(piece);
                assertThat(piece.hasRemaining()).isFalse();
                at += n;
            }
            sink.finish();
        }
        assertThat(out.toByteArray()).isEqualTo(content);
        assertThat(out.closed).isTrue();
    }

    @Test
    void anEmptyFileIsAnEmptyClosedStream() throws Exception {
        ClosingSink out = new ClosingSink();
        try (PipelinedFileSink sink = new PipelinedFileSink(length -> out, threads::execute)) {
            sink.finish();
        }
        assertThat(out.size()).isZero();
        assertThat(out.closed).isTrue();
    }

    /**
     * The encrypting stream is opened once: with the file's length when the file ended within
     * its first piece (so a short file gets short segments), with none (-1) for a longer one.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 300, PipelinedFileSink.PIECE_BYTES - 1, PipelinedFileSink.PIECE_BYTES, 3_000_000})
    void theTargetIsOpenedOnceKnowingTheLengthOfAFileThatFitsOnePiece(int size) throws Exception {
        byte[] content = new byte[size];
        new Random(3).nextBytes(content);
        ClosingSink out = new ClosingSink();
        List<Long> opened = new ArrayList<>();
        try (PipelinedFileSink sink = new PipelinedFileSink(
                length -> {
                    opened.add(length);
                    return out;
                },
                threads::execute)) {
            sink.write(ByteBuffer.wrap(content));
            sink.finish();
        }
        assertThat(opened).containsExactly(size < PipelinedFileSink.PIECE_BYTES ? (long) size : -1L);
        assertThat(out.toByteArray()).isEqualTo(content);
        assertThat(out.closed).isTrue();
    }

    @Test
    void aFailedWriteReachesTheRequestThreadInsteadOfHangingIt() throws Exception {
        OutputStream full = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 3L * PipelinedFileSink.PIECE_BYTES) {
                    throw new IOException("No space left on device");
                }
            }
        };
        byte[] chunk = new byte[100_000];
        PipelinedFileSink sink = new PipelinedFileSink(length -> full, threads::execute);
        try (sink) {
            assertThatThrownBy(() -> {
                        // Far more than the pieces hold: the sink must raise, not wait for a free piece.
                        for (int i = 0; i < 2_000; i++) {
                            sink.write(ByteBuffer.wrap(chunk));
                        }
                        sink.finish();
                    })
                    .isInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
        }
    }

    @Test
    void anAbandonedFileStopsItsWorkersAndLeavesNoPlaintextInThePieces() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        ClosingSink out = new ClosingSink() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                writing.countDown();
            }
        };
        byte[] secret = new byte[PipelinedFileSink.PIECE_BYTES * 2];
        java.util.Arrays.fill(secret, (byte) 0x5A);
        PipelinedFileSink sink = new PipelinedFileSink(length -> out, threads::execute);
        sink.write(ByteBuffer.wrap(secret));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        sink.close();

        assertThat(sink.piecesHoldOnlyZeros()).isTrue();
        assertThat(out.closed).as("an abandoned file is not sealed").isFalse();
        assertThatThrownBy(sink::finish).isInstanceOf(IOException.class);
    }

    private static class ClosingSink extends ByteArrayOutputStream {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
