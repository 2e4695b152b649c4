package org.leakdesk.infra.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The S3 store's memory bound: a blob of any size passes through one part's worth of buffer. */
class PartBufferTest {

    private static final int PART = 1000;

    private final List<byte[]> sent = new ArrayList<>();
    private PartBuffer buffer;

    @Test
    void fullPartsLeaveAsTheyFillAndTheRestWaitsForCommit() throws IOException {
        buffer = new PartBuffer(64, PART, this::send);
        byte[] content = new byte[3 * PART + 250];
        new Random(7).nextBytes(content);

        // Odd-sized writes, single bytes among them, as an encrypting stream makes.
        int at = 0;
        for (int step = 1; at < content.length; step = step * 3 % 997 + 1) {
            int n = Math.min(step, content.length - at);
            if (n == 1) {
                buffer.write(content[at]);
            } else {
                buffer.write(content, at, n);
            }
            at += n;
        }

        assertThat(sent).as("a full part is sent when the next byte comes").hasSize(3);
        assertThat(sent).allSatisfy(part -> assertThat(part).hasSize(PART));
        assertThat(buffer.size()).isEqualTo(250);
        send();
        ByteBuffer all = ByteBuffer.allocate(content.length);
        sent.forEach(all::put);
        assertThat(all.array()).isEqualTo(content);
    }

    @Test
    void theBodyCanBeReadAgainForARetryAndWritingAfterReleaseFails() throws IOException {
        buffer = new PartBuffer(16, PART, this::send);
        buffer.write(new byte[] {1, 2, 3});
        buffer.close();
        buffer.write(4);

        var body = buffer.body();
        assertThat(body.optionalContentLength()).contains(4L);
        for (int attempt = 0; attempt < 2; attempt++) {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3, 4);
            }
        }
        buffer.release();
        assertThatThrownBy(() -> buffer.write(5)).isInstanceOf(IOException.class);
    }

    private void send() throws IOException {
        try (InputStream in = buffer.body().contentStreamProvider().newStream()) {
            sent.add(in.readAllBytes());
        }
        buffer.reset();
    }
}
