package org.leakdesk.infra.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts authenticator secrets for the database: AES-256-GCM under a key in a file (32 bytes,
 * mode 0600, created on first start), the username bound in as associated data so that a
 * secret copied to another account's row does not decrypt. A database dump alone gives away no
 * authenticator. (Sealing to the newsroom key would log a decryption at every sign-in.)
 */
final class TotpSecretKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int NONCE_BYTES = 12;
    private static final String CONTEXT = "leakdesk totp secret v1\0";
    /** A secret on offer during enrolment, kept in the member's session: never mistaken for a stored one. */
    private static final String OFFER_CONTEXT = "leakdesk totp enrolment offer v1\0";

    private final SecretKeySpec key;
    private final SecureRandom random;

    private TotpSecretKey(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** Reads the key file, or creates it; several processes starting at once agree on one key. */
    static TotpSecretKey loadOrCreate(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                create(file, random);
            }
            if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                throw new IllegalStateException(
                        "The authenticator key " + file + " must be readable by its owner only (chmod 600)");
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException("The authenticator key " + file + " is not 32 bytes");
            }
            return new TotpSecretKey(key, random);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the authenticator key " + file, e);
        }
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(
                directory, ".two-factor", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel out = FileChannel.open(temporary, EnumSet.of(StandardOpenOption.WRITE))) {
                out.write(ByteBuffer.wrap(key));
                out.force(true);
            }
            // A hard link appears complete or not at all, and never replaces a key another process made.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first: use theirs.
        } finally {
            Files.deleteIfExists(temporary);
            Arrays.fill(key, (byte) 0);
        }
    }

    byte[] seal(String username, byte[] secret) {
        return seal(CONTEXT, username, secret);
    }

    byte[] open(String username, byte[] sealed) {
        return open(CONTEXT, username, sealed);
    }

    /** Seals a secret offered for enrolment, to wait in a session (which may live in the database). */
    byte[] sealOffer(String username, byte[] secret) {
        return seal(OFFER_CONTEXT, username, secret);
    }

    /** Opens what {@link #sealOffer} sealed for {@code username}; throws if it does not decrypt. */
    byte[] openOffer(String username, byte[] sealed) {
        return open(OFFER_CONTEXT, username, sealed);
    }

    private byte[] seal(String context, String username, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, context, username, nonce);
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt an authenticator secret", e);
        }
    }

    private byte[] open(String context, String username, byte[] sealed) {
        try {
            if (sealed.length <= NONCE_BYTES) {
                throw new GeneralSecurityException("too short");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, context, username, Arrays.copyOf(sealed, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The authenticator secret of " + username + " does not decrypt", e);
        }
    }

    private Cipher cipher(int mode, String context, String username, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD((context + username).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
