package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.UnknownJournalistKeyException;

/**
 * Journalist keys kept as ASCII-armoured certificates in {@code <keys directory>/journalists/}, one
 * file per key named by its fingerprint. Read on every export, so a key added while the
 * application runs is found. The bulk encryption (AES-256 CFB of SEIPD v1) runs on the JDK's
 * AES, the key packet on Bouncy Castle.
 */
final class OpenPgpJournalistKeys implements JournalistKeys {

    static final String DIRECTORY = "journalists";
    private static final int BUFFER = 1 << 16;

    private final Path directory;
    private final SecureRandom random;

    OpenPgpJournalistKeys(Path keysDirectory, SecureRandom random) {
        this.directory = keysDirectory.resolve(DIRECTORY);
        this.random = random;
    }

    @Override
    public List<JournalistKey> list() throws IOException {
        List<JournalistKey> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : certificates(directory)) {
            try {
                encryptionKeyOf(ring);
            } catch (IllegalArgumentException unusable) {
                continue;
            }
            Iterator<String> names = ring.getPublicKey().getUserIDs();
            keys.add(new JournalistKey(fingerprintOf(ring), names.hasNext() ? names.next() : fingerprintOf(ring)));
        }
        keys.sort(Comparator.comparing(JournalistKey::name, String.CASE_INSENSITIVE_ORDER));
        return keys;
    }

    @Override
    public void require(String fingerprint) throws IOException {
        encryptionKey(fingerprint);
    }

    @Override
    public OutputStream encryptTo(String fingerprint, String fileName, OutputStream out) throws IOException {
        PGPPublicKey key = encryptionKey(fingerprint);
        PGPEncryptedDataGenerator generator =
                new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(random));
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
        try {
            OutputStream encrypted = generator.open(new NotClosing(out), new byte[BUFFER]);
            OutputStream literal = new PGPLiteralDataGenerator()
                    .open(encrypted, PGPLiteralData.BINARY, fileName, new Date(), new byte[BUFFER]);
            return new java.io.FilterOutputStream(literal) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    literal.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    literal.close();
                    encrypted.close();
                }
            };
        } catch (PGPException e) {
            throw new IOException("Could not start the OpenPGP export", e);
        }
    }

    private PGPPublicKey encryptionKey(String fingerprint) throws IOException {
        String wanted = normalise(fingerprint);
        for (PGPPublicKeyRing ring : certificates(directory)) {
            if (fingerprintOf(ring).equals(wanted)) {
                return encryptionKeyOf(ring);
            }
        }
        throw new UnknownJournalistKeyException(wanted);
    }

    static String normalise(String fingerprint) {
        return fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    static String fingerprintOf(PGPPublicKeyRing ring) {
        return HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
    }

    /** The newest usable encryption key of a certificate. */
    static PGPPublicKey encryptionKeyOf(PGPPublicKeyRing ring) {
        PGPPublicKey found = null;
        for (PGPPublicKey key : ring) {
            if (key.isEncryptionKey() && !key.hasRevocation() && !expired(key)) {
                if (found == null || key.getCreationTime().after(found.getCreationTime())) {
                    found = key;
                }
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(
                    "The key " + fingerprintOf(ring) + " has no usable encryption key (expired, revoked or sign-only)");
        }
        return found;
    }

    private static boolean expired(PGPPublicKey key) {
        long seconds = key.getValidSeconds();
        return seconds > 0 && key.getCreationTime().getTime() + seconds * 1000 < System.currentTimeMillis();
    }

    static List<PGPPublicKeyRing> read(InputStream armoured) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(armoured)) {
            new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).forEach(rings::add);
        } catch (PGPException e) {
            throw new IllegalArgumentException("Not an OpenPGP public key: " + e.getMessage(), e);
        }
        return rings;
    }

    private static List<PGPPublicKeyRing> certificates(Path directory) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return rings;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.asc")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    rings.addAll(read(in));
                }
            }
        }
        return rings;
    }

    /** The caller owns {@code out}; closing the OpenPGP streams must not close it. */
    private static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
