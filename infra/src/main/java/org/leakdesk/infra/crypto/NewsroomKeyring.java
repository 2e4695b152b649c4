package org.leakdesk.infra.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyGenerator;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newsroom's OpenPGP keys: the public certificate(s) every object's data key is wrapped to,
 * and, on the staff side, the private encryption key(s) unlocked into memory at start.
 *
 * <p>Keys are v4 with legacy Ed25519/Curve25519 algorithms and CFB/iterated-S2K protection, the
 * newest form GnuPG 2.2 reads, so a newsroom can move them to and from GnuPG. A certificate made
 * with GnuPG is read by {@link OpenPgpCertificates}: data keys are wrapped to the encryption key
 * each certificate names, never to a primary key meant for signing.
 */
final class NewsroomKeyring {

    static final String PUBLIC_FILE = "newsroom.pub.asc";
    static final String SECRET_FILE = "newsroom.sec.asc";
    static final String DEMO_PASSPHRASE_FILE = "newsroom.passphrase";
    static final String PASSPHRASE_ENV = "LEAKDESK_KEY_PASSPHRASE";
    private static final Logger log = LoggerFactory.getLogger(NewsroomKeyring.class);

    private final List<PGPPublicKey> encryptionKeys;
    private final Map<Long, PGPPrivateKey> unlocked;
    private final List<String> fingerprints;

    private NewsroomKeyring(
            List<PGPPublicKey> encryptionKeys, Map<Long, PGPPrivateKey> unlocked, List<String> fingerprints) {
        this.encryptionKeys = List.copyOf(encryptionKeys);
        this.unlocked = Map.copyOf(unlocked);
        this.fingerprints = List.copyOf(fingerprints);
    }

    List<PGPPublicKey> encryptionKeys() {
        return encryptionKeys;
    }

    Map<Long, PGPPrivateKey> unlockedKeys() {
        return unlocked;
    }

    /** Fingerprints of the certificates that data keys are wrapped to. */
    List<String> fingerprints() {
        return fingerprints;
    }

    /**
     * Loads the keyring from {@code properties.directory()}, generating a demo key pair first when
     * asked to and none exists, and unlocks the private key when a passphrase is supplied.
     *
     * @param environmentPassphrase the value of {@value #PASSPHRASE_ENV}, or null
     */
    static NewsroomKeyring load(KeyProperties properties, @Nullable String environmentPassphrase, SecureRandom random)
            throws IOException {
        Path dir = properties.directory();
        if (!Files.exists(dir.resolve(PUBLIC_FILE)) && properties.generateDemoKey()) {
            generateDemoKey(dir, random);
        }
        NewsroomKeyring certificates = loadPublicOnly(properties);
        Map<Long, PGPPrivateKey> unlocked =
                unlock(dir.resolve(SECRET_FILE), passphrase(properties, environmentPassphrase));
        return new NewsroomKeyring(certificates.encryptionKeys, unlocked, certificates.fingerprints);
    }

    /**
     * Loads the newsroom's public certificates only, for a process that must not decrypt (a
     * source-only process): it never opens the private key file, never reads a passphrase and never
     * generates a key.
     */
    static NewsroomKeyring loadPublicOnly(KeyProperties properties) throws IOException {
        Path publicFile = properties.directory().resolve(PUBLIC_FILE);
        if (!Files.exists(publicFile)) {
            throw new IllegalStateException("No newsroom public key at " + publicFile.toAbsolutePath()
                    + ". Put the newsroom certificate there (ASCII-armoured), or set"
                    + " leakdesk.keys.generate-demo-key=true for a demo installation (a source-only"
                    + " process never generates one: start a staff or worker process first).");
        }
        List<PGPPublicKey> encryptionKeys = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        List<OpenPGPCertificate> certificates;
        try (InputStream in = Files.newInputStream(publicFile)) {
            certificates = OpenPgpCertificates.read(in);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Cannot read the newsroom certificate " + publicFile + ": " + e.getMessage());
        }
        for (OpenPGPCertificate certificate : certificates) {
            String fingerprint = OpenPgpCertificates.fingerprintOf(certificate);
            fingerprints.add(fingerprint);
            encryptionKeys.add(OpenPgpCertificates.encryptionKeyOf(certificate)
                    .orElseThrow(() -> new IllegalStateException("The newsroom certificate " + fingerprint + " in "
                            + publicFile + " cannot be encrypted to: "
                            + OpenPgpCertificates.whyUnusable(certificate))));
        }
        return new NewsroomKeyring(encryptionKeys, Map.of(), fingerprints);
    }

    static Optional<char[]> passphrase(KeyProperties properties, @Nullable String environmentPassphrase)
            throws IOException {
        if (environmentPassphrase != null && !environmentPassphrase.isEmpty()) {
            return Optional.of(environmentPassphrase.toCharArray());
        }
        Path file = properties.passphraseFile() != null
                ? properties.passphraseFile()
                : properties.directory().resolve(DEMO_PASSPHRASE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        refuseIfOthersCanRead(file);
        String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("");
        return firstLine.isEmpty() ? Optional.empty() : Optional.of(firstLine.toCharArray());
    }

    /**
     * A passphrase file must be the service user's alone (a systemd credential is): a file its
     * group or anyone else may read hands the key to every account on the machine.
     */
    static void refuseIfOthersCanRead(Path file) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to check
        }
        if (!Collections.disjoint(
                permissions,
                EnumSet.of(
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_WRITE))) {
            throw new IllegalStateException("The passphrase file " + file.toAbsolutePath()
                    + " may be read or changed by other accounts (mode "
                    + PosixFilePermissions.toString(permissions)
                    + "): make it the service user's alone (chmod 600), or give the passphrase as a"
                    + " systemd credential (LoadCredential=)");
        }
    }

    private static Map<Long, PGPPrivateKey> unlock(Path secretFile, Optional<char[]> passphrase) throws IOException {
        if (!Files.exists(secretFile)) {
            log.info("No newsroom private key at {}: this process can encrypt but not decrypt", secretFile);
            return Map.of();
        }
        if (passphrase.isEmpty()) {
            log.warn(
                    "The newsroom private key at {} stays locked: no passphrase was supplied (set {} or"
                            + " leakdesk.keys.passphrase-file). Staff cannot read documents.",
                    secretFile,
                    PASSPHRASE_ENV);
            return Map.of();
        }
        Map<Long, PGPPrivateKey> unlocked = new HashMap<>();
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(secretFile))) {
            var decryptor =
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase.get());
            for (PGPSecretKeyRing ring : new PGPSecretKeyRingCollection(in, new BcKeyFingerprintCalculator())) {
                for (PGPSecretKey key : ring) {
                    if (key.getPublicKey().isEncryptionKey() && !key.isPrivateKeyEmpty()) {
                        unlocked.put(key.getKeyID(), key.extractPrivateKey(decryptor));
                    }
                }
            }
        } catch (PGPException e) {
            throw new IllegalStateException(
                    "Cannot unlock the newsroom private key at " + secretFile
                            + ": wrong passphrase or damaged key file",
                    e);
        } finally {
            java.util.Arrays.fill(passphrase.get(), '\0');
        }
        return unlocked;
    }

    private static void generateDemoKey(Path dir, SecureRandom random) throws IOException {
        Files.createDirectories(dir);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        char[] passphrase =
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        try {
            generate(dir, passphrase, "LeakDesk demo newsroom key <newsroom@leakdesk.invalid>");
            writePrivate(
                    dir.resolve(DEMO_PASSPHRASE_FILE),
                    (new String(passphrase) + "\n").getBytes(StandardCharsets.US_ASCII));
        } finally {
            java.util.Arrays.fill(passphrase, '\0');
        }
        log.warn("""

                ************************************************************************
                  DEMO KEY: generated a newsroom key pair in {}
                  and stored its passphrase BESIDE IT in {}.
                  Anyone who can read that folder can decrypt every submission.
                  Production must supply its own key and keep the passphrase elsewhere
                  (leakdesk.keys.passphrase-file or {}).
                ************************************************************************""", dir.toAbsolutePath(), DEMO_PASSPHRASE_FILE, PASSPHRASE_ENV);
    }

    /**
     * Generates a newsroom key pair into {@code dir} ({@value #SECRET_FILE} readable by its owner
     * only, {@value #PUBLIC_FILE}); the caller has checked that none is there.
     *
     * @return the new certificate's fingerprint
     */
    static String generate(Path dir, char[] passphrase, String userId) throws IOException {
        try {
            BcOpenPGPImplementation impl = new BcOpenPGPImplementation();
            // CFB + iterated S2K (not BC's default AEAD/Argon2 protection) so GnuPG 2.2 can import the key.
            OpenPGPKey key = new OpenPGPKeyGenerator(
                            impl,
                            PublicKeyPacket.VERSION_4,
                            impl.pgpKeyPairGeneratorProvider(),
                            impl.pgpDigestCalculatorProvider(),
                            impl.pbeSecretKeyEncryptorFactory(false, SymmetricKeyAlgorithmTags.AES_256, 0xff),
                            impl.keyFingerPrintCalculator(),
                            new Date())
                    .withPrimaryKey(generator -> generator.generateLegacyEd25519KeyPair())
                    .addUserId(userId)
                    .addEncryptionSubkey(generator -> generator.generateLegacyX25519KeyPair())
                    .build(passphrase.clone()); // BC wipes the array it is given
            writePrivate(dir.resolve(SECRET_FILE), armor(key.getPGPSecretKeyRing()));
            Files.write(
                    dir.resolve(PUBLIC_FILE), armor(key.getPGPSecretKeyRing().toCertificate()));
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(key.getPGPSecretKeyRing().getPublicKey().getFingerprint());
        } catch (PGPException e) {
            throw new IllegalStateException("Could not generate a newsroom key", e);
        }
    }

    static byte[] armor(org.bouncycastle.openpgp.PGPKeyRing ring) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(bytes)) {
            ring.encode(armored);
        }
        return bytes.toByteArray();
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(content);
        }
    }
}
