package org.leakdesk.infra.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.TamperedCiphertextException;

/**
 * The body format of every encrypted object: an 8-byte LeakDesk header ({@code LDK}, version,
 * segment size) followed by Tink's AES-GCM-HKDF streaming ciphertext. Tink derives a per-object
 * AES-256 key from the data key and a random salt and seals fixed-size segments whose nonces
 * carry the segment index and a final-segment flag; the JDK's AES-GCM does the bulk work.
 *
 * <p>The header, the case id and the object's name are the associated data, so a body only
 * decrypts as the object it was written for, in the case it was written for.
 */
final class SegmentedEnvelope {

    static final int DEFAULT_SEGMENT_SIZE = 1 << 20;
    static final int DATA_KEY_BYTES = 32;
    private static final byte[] MAGIC = {'L', 'D', 'K'};
    private static final byte VERSION = 1;
    private static final int HEADER_BYTES = 8;
    private static final int MIN_SEGMENT_SIZE = 1 << 10;
    private static final int MAX_SEGMENT_SIZE = 1 << 26;
    /** Tink's header in the first segment (length byte, 32-byte salt, 7-byte nonce prefix) and a segment's tag. */
    private static final int FIRST_SEGMENT_OVERHEAD = 40 + 16;

    private final int segmentSize;

    SegmentedEnvelope(int segmentSize) {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("Segment size out of range: " + segmentSize);
        }
        this.segmentSize = segmentSize;
    }

    OutputStream encrypt(byte[] dataKey, OutputStream sink, ObjectRef objectRef) throws IOException {
        return encrypt(dataKey, sink, objectRef, segmentSize);
    }

    /**
     * For a value whose length is known, held in memory: segments no larger than the value needs.
     * Encrypting and decrypting allocate two buffers of a segment each, so a 300-byte value
     * sealed in a 1 MiB segment cost 2 MiB of heap each way (large enough to bypass the young
     * generation); the header records the size, so a reader needs nothing else.
     */
    OutputStream encrypt(byte[] dataKey, OutputStream sink, ObjectRef objectRef, long plaintextLength)
            throws IOException {
        return encrypt(dataKey, sink, objectRef, segmentSizeFor(plaintextLength));
    }

    /** The smallest power of two from 1 KiB whose first segment holds the value, at most the configured size. */
    int segmentSizeFor(long plaintextLength) {
        long needed = plaintextLength + FIRST_SEGMENT_OVERHEAD;
        int size = MIN_SEGMENT_SIZE;
        while (size < needed && size < segmentSize) {
            size <<= 1;
        }
        return Math.min(size, segmentSize);
    }

    private OutputStream encrypt(byte[] dataKey, OutputStream sink, ObjectRef objectRef, int segmentSize)
            throws IOException {
        byte[] header = header(segmentSize);
        sink.write(header);
        try {
            return aead(dataKey, segmentSize).newEncryptingStream(sink, associatedData(header, objectRef));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM streaming is not available in this JVM", e);
        }
    }

    InputStream decrypt(byte[] dataKey, InputStream source, ObjectRef objectRef) throws IOException {
        String ref = objectRef.toString();
        byte[] header = source.readNBytes(HEADER_BYTES);
        if (header.length < HEADER_BYTES) {
            throw new TamperedCiphertextException(ref, "header missing", null);
        }
        if (header[0] != MAGIC[0] || header[1] != MAGIC[1] || header[2] != MAGIC[2] || header[3] != VERSION) {
            throw new TamperedCiphertextException(ref, "not a LeakDesk v1 envelope", null);
        }
        int storedSegmentSize = ByteBuffer.wrap(header, 4, 4).getInt();
        if (storedSegmentSize < MIN_SEGMENT_SIZE || storedSegmentSize > MAX_SEGMENT_SIZE) {
            throw new TamperedCiphertextException(ref, "bad segment size", null);
        }
        try {
            InputStream plain =
                    aead(dataKey, storedSegmentSize).newDecryptingStream(source, associatedData(header, objectRef));
            return new AuthenticatingStream(plain, ref);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM streaming is not available in this JVM", e);
        }
    }

    private static byte[] header(int segmentSize) {
        return ByteBuffer.allocate(HEADER_BYTES)
                .put(MAGIC)
                .put(VERSION)
                .putInt(segmentSize)
                .array();
    }

    /** Header, then the case id (fixed length, so the two parts cannot be confused), then the name. */
    private static byte[] associatedData(byte[] header, ObjectRef objectRef) {
        byte[] ref = ("leakdesk/case:" + objectRef.caseId() + "/object:" + objectRef.name())
                .getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + ref.length)
                .put(header)
                .put(ref)
                .array();
    }

    private static StreamingAead aead(byte[] dataKey, int segmentSize) throws GeneralSecurityException {
        if (dataKey.length != DATA_KEY_BYTES) {
            throw new GeneralSecurityException("A data key has 32 bytes");
        }
        AesGcmHkdfStreamingParameters parameters = AesGcmHkdfStreamingParameters.builder()
                .setKeySizeBytes(DATA_KEY_BYTES)
                .setDerivedAesGcmKeySizeBytes(DATA_KEY_BYTES)
                .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                .setCiphertextSegmentSizeBytes(segmentSize)
                .build();
        SecretBytes key = SecretBytes.copyFrom(dataKey, InsecureSecretKeyAccess.get());
        return AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(parameters, key));
    }

    /**
     * Tink reports a failed segment as a plain IOException; this turns every such failure into
     * one typed exception that names the object and nothing of its content.
     */
    private static final class AuthenticatingStream extends FilterInputStream {

        private final String objectRef;

        AuthenticatingStream(InputStream in, String objectRef) {
            super(in);
            this.objectRef = objectRef;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        private IOException translate(IOException e) {
            if (e instanceof TamperedCiphertextException) {
                return e;
            }
            String what = e instanceof EOFException ? "ends early" : "segment does not authenticate";
            // Tink's messages may include ciphertext positions but never plaintext; keep only the cause chain.
            return new TamperedCiphertextException(objectRef, what, e.getCause() != null ? e.getCause() : null);
        }
    }
}
