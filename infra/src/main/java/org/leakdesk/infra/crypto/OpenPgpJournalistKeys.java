package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.UnknownJournalistKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journalist keys kept as ASCII-armoured certificates in {@code <keys directory>/journalists/}, one
 * file per key named by its fingerprint. Read on every export, so a key added while the
 * application runs is found. The bulk encryption (AES-256 CFB of SEIPD v1) runs on the JDK's
 * AES, the key packet on Bouncy Castle.
 */
final class OpenPgpJournalistKeys implements JournalistKeys {

    static final String DIRECTORY = "journalists";
    private static final Logger log = LoggerFactory.getLogger(OpenPgpJournalistKeys.class);
    private static final int BUFFER = 1 << 16;
    private static final int MAX_LITERAL_NAME = 255;
    private static final int MAX_EXTENSION = 16;
    private static final String ELLIPSIS = "...";

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
            if (OpenPgpCertificates.encryptionKeyOf(certificate).isEmpty()) {
                continue; // revoked, expired or never able to receive exports
            }
            keys.add(new JournalistKey(
                    OpenPgpCertificates.fingerprintOf(certificate), OpenPgpCertificates.nameOf(certificate)));
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
                    .open(encrypted, PGPLiteralData.BINARY, literalName(fileName), new Date(), new byte[BUFFER]);
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

    /**
     * The file name as a literal data packet can hold it: its length is one octet, so at most 255
     * bytes of UTF-8 (Bouncy Castle writes the low byte of any longer length, and the export would
     * not decrypt). A longer name (a long name in Cyrillic reaches the limit at 128 characters)
     * keeps its start and its extension, cut between characters.
     */
    static String literalName(String fileName) {
        if (fileName.getBytes(StandardCharsets.UTF_8).length <= MAX_LITERAL_NAME) {
            return fileName;
        }
        int dot = fileName.lastIndexOf('.');
        String extension = dot > 0 && fileName.length() - dot <= MAX_EXTENSION ? fileName.substring(dot) : "";
        int room = MAX_LITERAL_NAME - ELLIPSIS.length() - extension.getBytes(StandardCharsets.UTF_8).length;
        // The encoder stops where the next character no longer fits, never inside one.
        CharBuffer start = CharBuffer.wrap(fileName, 0, fileName.length() - extension.length());
        StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .encode(start, ByteBuffer.allocate(room), true);
        return fileName.substring(0, start.position()) + ELLIPSIS + extension;
    }

    private PGPPublicKey encryptionKey(String fingerprint) throws IOException {
        String wanted = normalise(fingerprint);
        for (OpenPGPCertificate certificate : certificates(directory)) {
            if (OpenPgpCertificates.fingerprintOf(certificate).equals(wanted)) {
                return encryptionKeyOf(certificate);
            }
        }
        throw new UnknownJournalistKeyException(wanted);
    }

    static String normalise(String fingerprint) {
        return fingerprint.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** @throws UnknownJournalistKeyException saying why the certificate cannot receive exports */
    static PGPPublicKey encryptionKeyOf(OpenPGPCertificate certificate) {
        return OpenPgpCertificates.encryptionKeyOf(certificate)
                .orElseThrow(() -> new UnknownJournalistKeyException(
                        OpenPgpCertificates.fingerprintOf(certificate), OpenPgpCertificates.whyUnusable(certificate)));
    }

    private static List<OpenPGPCertificate> certificates(Path directory) throws IOException {
        List<OpenPGPCertificate> certificates = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return certificates;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.asc")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    certificates.addAll(OpenPgpCertificates.read(in));
                } catch (IllegalArgumentException unreadable) {
                    // One damaged file must not take the other journalists' keys off the case page.
                    log.warn("Skipped the journalist key file {}: {}", file, unreadable.getMessage());
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
