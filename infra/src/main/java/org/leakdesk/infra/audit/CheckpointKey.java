package org.leakdesk.infra.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key that signs access log checkpoints. It lives in a file (32 raw bytes, mode
 * 0600), never in the database: whoever can rewrite the database must not also be able to sign
 * a checkpoint for the rewritten log.
 */
final class CheckpointKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    private CheckpointKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    /** Reads the key file, or creates it with a fresh key on first start. */
    static CheckpointKey loadOrCreate(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                requireOwnerOnly(file);
                return new CheckpointKey(new Ed25519PrivateKeyParameters(Files.readAllBytes(file), 0));
            }
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            // Created with its final mode, so the key is never readable by others, not even briefly.
            try (FileChannel out = FileChannel.open(
                    file,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
                out.write(ByteBuffer.wrap(key.getEncoded()));
                out.force(true);
            }
            return new CheckpointKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the checkpoint key " + file, e);
        }
    }

    private static void requireOwnerOnly(Path file) throws IOException {
        if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            throw new IllegalStateException(
                    "The checkpoint key " + file + " must be readable by its owner only (chmod 600)");
        }
    }

    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    CheckpointPublicKey publicKey() {
        return new CheckpointPublicKey(publicKey.getEncoded());
    }

    /** The first eight bytes of SHA-256 over the public key, in hex: names the key in checkpoints. */
    String id() {
        return publicKey().id();
    }
}
