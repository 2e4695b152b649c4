package org.leakdesk.infra.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.TamperedCiphertextException;

class SegmentedEnvelopeTest {

    private static final int SEGMENT = 4096;
    private static final int LDK_HEADER = 8;
    // Tink's own header inside the first segment: length byte, 32-byte salt, 7-byte nonce prefix.
    private static final int TINK_HEADER = 40;
    private static final UUID CASE = UUID.randomUUID();
    private static final ObjectRef REF = new ObjectRef(CASE, "submission-file:test");

    private final SecureRandom random = new SecureRandom();
    private final SegmentedEnvelope envelope = new SegmentedEnvelope(SEGMENT);
    private final byte[] key = randomBytes(32);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT - TINK_HEADER - 16, SEGMENT * 3 + 123, 200_000})
    void decryptsWhatItEncrypted(int size) throws IOException {
        byte[] plaintext = randomBytes(size);

        byte[] ciphertext = encrypt(plaintext, REF);

        assertThat(decrypt(ciphertext, REF)).isEqualTo(plaintext);
        assertThat(ciphertext).startsWith('L', 'D', 'K', 1);
    }

    /**
     * A value of known length is sealed in the smallest segment (a power of two from 1 KiB) that
     * holds it, never above the configured size; the header records the size and any envelope
     * decrypts it.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1024 - TINK_HEADER - 16, 1024 - TINK_HEADER - 15, 3000, SEGMENT, 50_000})
    void aValueOfKnownLengthGetsTheSegmentItNeeds(int size) throws IOException {
        byte[] plaintext = randomBytes(size);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = envelope.encrypt(key, sink, REF, size)) {
            out.write(plaintext);
        }
        byte[] ciphertext = sink.toByteArray();

        int expected = size <= 1024 - TINK_HEADER - 16 ? 1024 : size <= 2048 - TINK_HEADER - 16 ? 2048 : SEGMENT;
        assertThat(envelope.segmentSizeFor(size)).isEqualTo(expected);
        assertThat(ByteBuffer.wrap(ciphertext, 4, 4).getInt()).isEqualTo(expected);
        if (size <= expected - TINK_HEADER - 16) {
            assertThat(ciphertext).hasSize(LDK_HEADER + TINK_HEADER + size + 16);
        }
        assertThat(readAll(new SegmentedEnvelope(1 << 20).decrypt(key, new ByteArrayInputStream(ciphertext), REF)))
                .isEqualTo(plaintext);
    }

    @Test
    void ciphertextDoesNotContainThePlaintext() throws IOException {
        byte[] plaintext = "The eight-page intelligence report was obtained by the newsroom."
                .repeat(200)
                .getBytes();

        byte[] ciphertext = encrypt(plaintext, REF);

        assertThat(indexOf(ciphertext, Arrays.copyOf(plaintext, 16))).isEqualTo(-1);
    }

    @Test
    void aFlippedByteInAnySegmentFailsWithAClearError() throws IOException {
        byte[] plaintext = randomBytes(SEGMENT * 3 + 500);
        byte[] ciphertext = encrypt(plaintext, REF);
        int segments = (ciphertext.length - LDK_HEADER + SEGMENT - 1) / SEGMENT;
        assertThat(segments).isEqualTo(4);

        for (int segment = 0; segment < segments; segment++) {
            int start = LDK_HEADER + segment * SEGMENT + (segment == 0 ? TINK_HEADER : 0);
            int end = Math.min(ciphertext.length, LDK_HEADER + (segment + 1) * SEGMENT);
            for (int position : new int[] {start, (start + end) / 2, end - 1}) {
                byte[] tampered = ciphertext.clone();
                tampered[position] ^= 0x01;
                assertTampered(tampered, REF);
            }
        }
    }

    @Test
    void aFlippedByteInTheHeadersFails() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(10_000), REF);
        for (int position : new int[] {0, 3, 5, LDK_HEADER, LDK_HEADER + 1, LDK_HEADER + TINK_HEADER - 1}) {
            byte[] tampered = ciphertext.clone();
            tampered[position] ^= 0x01;
            assertThatThrownBy(() -> decrypt(tampered, REF))
                    .as("byte %d", position)
                    .isInstanceOf(TamperedCiphertextException.class);
        }
    }

    @Test
    void aDroppedLastSegmentFails() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(SEGMENT * 3 + 500), REF);
        byte[] withoutLast = Arrays.copyOf(ciphertext, LDK_HEADER + 3 * SEGMENT);

        assertTampered(withoutLast, REF);
    }

    @Test
    void aTruncationInsideASegmentFails() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(SEGMENT * 2), REF);

        assertTampered(Arrays.copyOf(ciphertext, ciphertext.length - 1), REF);
        assertTampered(Arrays.copyOf(ciphertext, LDK_HEADER + TINK_HEADER + 10), REF);
    }

    @Test
    void swappedSegmentsFail() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(SEGMENT * 3 + 500), REF);
        byte[] swapped = ciphertext.clone();
        int one = LDK_HEADER + SEGMENT;
        int two = LDK_HEADER + 2 * SEGMENT;
        System.arraycopy(ciphertext, one, swapped, two, SEGMENT);
        System.arraycopy(ciphertext, two, swapped, one, SEGMENT);

        assertTampered(swapped, REF);
    }

    @Test
    void aBodyOnlyDecryptsAsTheObjectItWasWrittenFor() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(100), REF);

        assertTampered(ciphertext, new ObjectRef(CASE, "submission-file:another"));
    }

    @Test
    void aBodyOnlyDecryptsInTheCaseItWasWrittenFor() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(100), REF);

        assertTampered(ciphertext, new ObjectRef(UUID.randomUUID(), REF.name()));
    }

    @Test
    void anotherKeyDoesNotDecrypt() throws IOException {
        byte[] ciphertext = encrypt(randomBytes(100), REF);

        assertThatThrownBy(() -> readAll(envelope.decrypt(randomBytes(32), new ByteArrayInputStream(ciphertext), REF)))
                .isInstanceOf(TamperedCiphertextException.class);
    }

    private void assertTampered(byte[] ciphertext, ObjectRef ref) {
        assertThatThrownBy(() -> decrypt(ciphertext, ref))
                .isInstanceOf(TamperedCiphertextException.class)
                .hasMessageContaining("Encrypted object " + ref + " failed authentication")
                .hasMessageContaining("altered, truncated or reordered");
    }

    private byte[] encrypt(byte[] plaintext, ObjectRef ref) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = envelope.encrypt(key, sink, ref)) {
            out.write(plaintext);
        }
        return sink.toByteArray();
    }

    private byte[] decrypt(byte[] ciphertext, ObjectRef ref) throws IOException {
        return readAll(envelope.decrypt(key, new ByteArrayInputStream(ciphertext), ref));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
