package org.leakdesk.infra.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import org.leakdesk.infra.BackgroundWarmUp;
import org.leakdesk.infra.ObjectRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Gets the JDK's AES-GCM compiled with the CPU's carry-less multiply before documents need it.
 *
 * <p>The JIT replaces GHASH's block loop by the CLMUL instruction only in code its optimising
 * compiler has compiled, and it compiles the method that calls that loop only after thousands of
 * calls. The envelope calls it a few times per 1 MiB segment, so a fresh process encrypted (and
 * decrypted) at 40–70 MiB/s for its first gigabyte, then at several GB/s (measured with 64 KiB
 * writes into Tink's stream on this 2-core machine). Segments of 4 KiB make the same calls with
 * 1/256 of the bytes: this runs a round trip through them in the background once the application
 * is ready, in every process (sources upload, workers and staff decrypt). Only zeros under a
 * throw-away key go through it; nothing is stored. {@code leakdesk.crypto.warm-up} sets how much
 * (0 turns it off, as the tests do).
 */
@Component
class CipherWarmUp extends BackgroundWarmUp {

    private static final int SMALL_SEGMENT = 4 << 10;
    private static final int ROUND = 4 << 20;

    CipherWarmUp(@Value("${leakdesk.crypto.warm-up:64MB}") DataSize size) {
        super("AES-GCM", size.toBytes());
    }

    /** Round trips of {@value #ROUND} bytes of zeros each, so memory stays small whatever the size. */
    @Override
    protected void run(long bytes) throws IOException {
        SegmentedEnvelope envelope = new SegmentedEnvelope(SMALL_SEGMENT);
        byte[] key = new byte[SegmentedEnvelope.DATA_KEY_BYTES];
        ObjectRef ref = new ObjectRef(new UUID(0, 0), "cipher-warm-up");
        byte[] zeros = new byte[1 << 16];
        byte[] back = new byte[1 << 16];
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(ROUND + ROUND / 64);
        for (long done = 0; done < bytes; done += ROUND) {
            sealed.reset();
            try (OutputStream plaintext = envelope.encrypt(key, sealed, ref)) {
                for (int written = 0; written < ROUND; written += zeros.length) {
                    plaintext.write(zeros);
                }
            }
            try (InputStream opened = envelope.decrypt(key, new ByteArrayInputStream(sealed.toByteArray()), ref)) {
                while (opened.read(back) >= 0) {
                    // reading is the point
                }
            }
        }
    }
}
