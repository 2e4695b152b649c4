package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPDefaultPolicy;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.OpenPGPPolicy;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
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

    /**
     * Bouncy Castle's default policy (RSA from 2048 bits, elliptic curves, SHA-1 self-signatures
     * only before February 2023), which also accepts DSA and ElGamal from 2048 bits: certificates
     * made by GnuPG 1.4 and 2.0 with their former default algorithms still receive exports.
     */
    static final OpenPGPPolicy POLICY = new OpenPGPDefaultPolicy()
            .acceptPublicKeyAlgorithmWithMinimalStrength(PublicKeyAlgorithmTags.DSA, 2000)
            .acceptPublicKeyAlgorithmWithMinimalStrength(PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, 2000);

    private static final OpenPGPImplementation OPENPGP = new BcOpenPGPImplementation();

    private final Path directory;
    private final SecureRandom random;

    OpenPgpJournalistKeys(Path keysDirectory, SecureRandom random) {
        this.directory = keysDirectory.resolve(DIRECTORY);
        this.random = random;
    }

    @Override
    public List<JournalistKey> list() throws IOException {
        List<JournalistKey> keys = new ArrayList<>();
        for (OpenPGPCertificate certificate : certificates(directory)) {
            try {
                encryptionKeyOf(certificate);
            } catch (UnknownJournalistKeyException unusable) {
                continue;
            }
            keys.add(new JournalistKey(fingerprintOf(certificate), nameOf(certificate)));
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
        for (OpenPGPCertificate certificate : certificates(directory)) {
            if (fingerprintOf(certificate).equals(wanted)) {
                return encryptionKeyOf(certificate);
            }
        }
        throw new UnknownJournalistKeyException(wanted);
    }

    static String normalise(String fingerprint) {
        return fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    static String fingerprintOf(OpenPGPCertificate certificate) {
        return HexFormat.of().withUpperCase().formatHex(certificate.getFingerprint());
    }

    /** The primary user id (name and address) valid now, else the first one, else the fingerprint. */
    static String nameOf(OpenPGPCertificate certificate) {
        OpenPGPCertificate.OpenPGPUserId primary = certificate.getPrimaryUserId();
        if (primary != null) {
            return primary.getUserId();
        }
        Iterator<String> names =
                certificate.getPGPPublicKeyRing().getPublicKey().getUserIDs();
        return names.hasNext() ? names.next() : fingerprintOf(certificate);
    }

    /**
     * The newest key of a certificate that OpenPGP lets anyone encrypt to now: flagged for
     * encryption by a valid self-signature, neither it nor the certificate revoked or expired, and
     * of an algorithm and strength {@link #POLICY} accepts. GnuPG's usual certificate has a primary
     * key for signing and a subkey for encryption; a journalist whose subkeys live on a smartcard
     * can only decrypt with the subkey, so the primary key must not be chosen just because its
     * algorithm could encrypt.
     *
     * @throws UnknownJournalistKeyException saying why there is none
     */
    static PGPPublicKey encryptionKeyOf(OpenPGPCertificate certificate) {
        Date now = new Date();
        return certificate.getEncryptionKeys(now).stream()
                .max(Comparator.comparing(OpenPGPCertificate.OpenPGPComponentKey::getCreationTime))
                .map(OpenPGPCertificate.OpenPGPComponentKey::getPGPPublicKey)
                .orElseThrow(() ->
                        new UnknownJournalistKeyException(fingerprintOf(certificate), whyUnusable(certificate, now)));
    }

    private static String whyUnusable(OpenPGPCertificate certificate, Date now) {
        if (certificate.getRevocation(now) != null) {
            return "its owner has revoked it";
        }
        Date expiry = certificate.getExpirationTime(now);
        if (expiry != null && !expiry.after(now)) {
            return "it expired on "
                    + DateTimeFormatter.ISO_LOCAL_DATE.format(expiry.toInstant().atOffset(ZoneOffset.UTC))
                    + "; ask its owner for a certificate with a new expiry date";
        }
        return "it has no encryption key valid now (the key is for signing only, its encryption subkeys"
                + " have expired or been revoked, it uses a weak algorithm such as RSA under 2048 bits,"
                + " or its self-signatures use SHA-1 and were made after January 2023)";
    }

    /**
     * Every certificate in an ASCII-armoured or binary OpenPGP file.
     *
     * @throws IllegalArgumentException when it holds no certificate, or a secret key
     */
    static List<OpenPGPCertificate> read(InputStream in) throws IOException {
        List<OpenPGPCertificate> certificates;
        try {
            certificates = new OpenPGPKeyReader(OPENPGP, POLICY).parseKeysOrCertificates(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not an OpenPGP public key: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("Not an OpenPGP public key: the file holds no certificate");
        }
        if (certificates.stream().anyMatch(OpenPGPCertificate::isSecretKey)) {
            throw new IllegalArgumentException("The file holds a secret key. Give only the journalist's public key"
                    + " (gpg --armor --export FINGERPRINT); a secret key should never leave its owner's computer");
        }
        return certificates;
    }

    private static List<OpenPGPCertificate> certificates(Path directory) throws IOException {
        List<OpenPGPCertificate> certificates = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return certificates;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.asc")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    certificates.addAll(read(in));
                }
            }
        }
        return certificates;
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
