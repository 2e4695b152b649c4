package org.leakdesk.infra.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.leakdesk.infra.NewsroomKeyLockedException;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.WrappedKey;

/**
 * Wraps data keys as small OpenPGP messages (PKESK v3 + SEIPD v1, AES-256) to every newsroom
 * encryption key, so that GnuPG 2.2 on an air-gapped machine can unwrap them too.
 */
final class OpenPgpKeyWrap {

    private static final Date EPOCH = new Date(0);

    private final List<PGPPublicKey> recipients;
    private final Map<Long, PGPPrivateKey> unlocked;
    private final SecureRandom random;

    OpenPgpKeyWrap(List<PGPPublicKey> recipients, Map<Long, PGPPrivateKey> unlocked, SecureRandom random) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("At least one newsroom encryption key is needed");
        }
        this.recipients = List.copyOf(recipients);
        this.unlocked = Map.copyOf(unlocked);
        this.random = random;
    }

    boolean canUnwrap() {
        return !unlocked.isEmpty();
    }

    WrappedKey wrap(byte[] dataKey) {
        PGPEncryptedDataGenerator generator =
                new PGPEncryptedDataGenerator(new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true)
                        .setSecureRandom(random));
        recipients.forEach(key -> generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key)));
        ByteArrayOutputStream packet = new ByteArrayOutputStream(256);
        try (OutputStream encrypted = generator.open(packet, new byte[1 << 9]);
                OutputStream literal = new PGPLiteralDataGenerator()
                        .open(encrypted, PGPLiteralData.BINARY, "", dataKey.length, EPOCH)) {
            literal.write(dataKey);
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("Could not wrap a data key", e);
        }
        return new WrappedKey(packet.toByteArray());
    }

    byte[] unwrap(WrappedKey wrapped, String objectRef) throws TamperedCiphertextException {
        if (!canUnwrap()) {
            throw new NewsroomKeyLockedException();
        }
        try {
            Object first = new BcPGPObjectFactory(wrapped.packet()).nextObject();
            if (!(first instanceof PGPEncryptedDataList list)) {
                throw new TamperedCiphertextException(objectRef, "wrapped key is not an encrypted message", null);
            }
            for (PGPEncryptedData data : list) {
                if (data instanceof PGPPublicKeyEncryptedData pk && unlocked.containsKey(pk.getKeyID())) {
                    return readDataKey(pk, unlocked.get(pk.getKeyID()), objectRef);
                }
            }
            throw new TamperedCiphertextException(objectRef, "wrapped to none of the unlocked newsroom keys", null);
        } catch (IOException | PGPException e) {
            if (e instanceof TamperedCiphertextException t) {
                throw t;
            }
            throw new TamperedCiphertextException(objectRef, "wrapped key does not decrypt", e);
        }
    }

    private static byte[] readDataKey(PGPPublicKeyEncryptedData data, PGPPrivateKey key, String objectRef)
            throws IOException, PGPException {
        if (!data.isIntegrityProtected()) {
            throw new TamperedCiphertextException(objectRef, "wrapped key has no integrity protection", null);
        }
        try (InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(key))) {
            Object literal = new BcPGPObjectFactory(clear).nextObject();
            if (!(literal instanceof PGPLiteralData ld)) {
                throw new TamperedCiphertextException(objectRef, "wrapped key holds no literal data", null);
            }
            byte[] dataKey = ld.getInputStream().readNBytes(SegmentedEnvelope.DATA_KEY_BYTES + 1);
            if (!data.verify() || dataKey.length != SegmentedEnvelope.DATA_KEY_BYTES) {
                throw new TamperedCiphertextException(objectRef, "wrapped key fails its integrity check", null);
            }
            return dataKey;
        }
    }
}
