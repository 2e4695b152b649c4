package org.leakdesk.infra.crypto;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessLogEntry;
import org.leakdesk.infra.AccessLogQuery;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.ChainVerification;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Encryption;
import org.leakdesk.infra.testing.TestAccessAction;

/**
 * Throughput of the envelope format against the JDK's raw AES-256-GCM over the same bytes in
 * the same run (infra/scripts/benchmark runs it; not part of the test suite). Prints
 * {@code key=value} lines in MiB/s: best of five runs after a warm-up.
 */
public final class CryptoBenchmark {

    private static final int MIB = 1 << 20;

    private static final org.leakdesk.infra.ObjectRef BENCH =
            new org.leakdesk.infra.ObjectRef(java.util.UUID.randomUUID(), "bench");

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        SecureRandom random = new SecureRandom();
        byte[] chunk = new byte[MIB];
        random.nextBytes(chunk);
        Path keys = Files.createTempDirectory("bench-keys");
        NewsroomKeyring keyring = NewsroomKeyring.load(new KeyProperties(keys, null, true, null), null, random);
        OpenPgpKeyWrap wrap = new OpenPgpKeyWrap(keyring.encryptionKeys(), keyring.unlockedKeys(), random);
        SegmentedEnvelope envelope = new SegmentedEnvelope(SegmentedEnvelope.DEFAULT_SEGMENT_SIZE);
        EnvelopeEncryptor encryptor = new EnvelopeEncryptor(wrap, envelope, random);
        EnvelopeDecryptor decryptor = new EnvelopeDecryptor(wrap, envelope, new NoLog());

        ByteArrayOutputStream sample = new ByteArrayOutputStream(mib * MIB + MIB);
        Encryption encryption = encryptor.encrypt(sample, BENCH);
        try (OutputStream out = encryption.plaintext()) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
        }
        byte[] ciphertext = sample.toByteArray();

        report("jdk_aes_gcm_mibs", mib, () -> jdkGcm(chunk, mib, random));
        report("envelope_encrypt_mibs", mib, () -> {
            Encryption e = encryptor.encrypt(OutputStream.nullOutputStream(), BENCH);
            try (OutputStream out = e.plaintext()) {
                for (int i = 0; i < mib; i++) {
                    out.write(chunk);
                }
            }
        });
        DecryptionSession session = decryptor.open(AccessRecord.of("bench", TestAccessAction.CASE_VIEWED, null));
        report("envelope_decrypt_mibs", mib, () -> {
            try (InputStream in =
                    session.decrypt(new java.io.ByteArrayInputStream(ciphertext), encryption.key(), BENCH)) {
                byte[] buffer = new byte[1 << 16];
                while (in.read(buffer) != -1) {
                    // drain
                }
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            wrap.unwrap(wrap.wrap(chunk.length >= 32 ? java.util.Arrays.copyOf(chunk, 32) : chunk), "bench");
        }
        System.out.printf("key_wrap_and_unwrap_ms=%.3f%n", (System.nanoTime() - start) / 1e6 / 1000);
    }

    private static void jdkGcm(byte[] chunk, int mib, SecureRandom random) throws Exception {
        byte[] key = new byte[32];
        random.nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] nonce = new byte[12];
        byte[] out = new byte[chunk.length + 16];
        for (int i = 0; i < mib; i++) {
            nonce[0] = (byte) i;
            nonce[1] = (byte) (i >> 8);
            cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
            cipher.doFinal(chunk, 0, chunk.length, out, 0);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void report(String name, int mib, Run run) throws Exception {
        run.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            run.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("%s=%.0f%n", name, mib / best);
    }

    /** The benchmark measures cryptography, not the database. */
    private static final class NoLog implements AccessLog {
        @Override
        public void record(AccessRecord entry) {}

        @Override
        public void recordNow(AccessRecord entry) {}

        @Override
        public java.util.List<AccessLogEntry> entries(AccessLogQuery query) {
            return java.util.List.of();
        }

        @Override
        public ChainVerification verify() {
            return new ChainVerification(0, 0, null, null);
        }

        @Override
        public ChainVerification verify(String auditor) {
            return verify();
        }

        @Override
        public java.util.Optional<AccessLogEntry> lastVerification() {
            return java.util.Optional.empty();
        }

        @Override
        public void export(AccessLogQuery query, java.util.function.Consumer<AccessLogEntry> sink) {}

        @Override
        public java.util.Optional<String> checkpointCovering(long sequence) {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> inclusionProof(long sequence) {
            return java.util.Optional.empty();
        }

        @Override
        public CheckpointSigner checkpointSigner() {
            return new CheckpointSigner("", "");
        }

        @Override
        public java.util.OptionalLong checkpoint() {
            return java.util.OptionalLong.empty();
        }
    }
}
