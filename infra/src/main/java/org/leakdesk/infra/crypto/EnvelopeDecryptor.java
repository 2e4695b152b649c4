package org.leakdesk.infra.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.NewsroomKeyLockedException;
import org.leakdesk.infra.ObjectRef;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.infra.WrappedKey;

/** Logs each access, then unwraps data keys with the unlocked newsroom key. */
final class EnvelopeDecryptor implements Decryptor {

    private final OpenPgpKeyWrap keyWrap;
    private final SegmentedEnvelope envelope;
    private final AccessLog accessLog;

    EnvelopeDecryptor(OpenPgpKeyWrap keyWrap, SegmentedEnvelope envelope, AccessLog accessLog) {
        this.keyWrap = keyWrap;
        this.envelope = envelope;
        this.accessLog = accessLog;
    }

    @Override
    public DecryptionSession open(AccessRecord access) {
        if (!keyWrap.canUnwrap()) {
            throw new NewsroomKeyLockedException();
        }
        accessLog.recordNow(access);
        return new Session();
    }

    private final class Session implements DecryptionSession {

        @Override
        public InputStream decrypt(InputStream ciphertext, WrappedKey key, ObjectRef objectRef) throws IOException {
            byte[] dataKey = keyWrap.unwrap(key, objectRef.toString());
            try {
                return envelope.decrypt(dataKey, ciphertext, objectRef);
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
        }

        @Override
        public byte[] open(SealedValue value, ObjectRef objectRef) throws TamperedCiphertextException {
            try (InputStream plain = decrypt(new ByteArrayInputStream(value.ciphertext()), value.key(), objectRef)) {
                return plain.readAllBytes();
            } catch (TamperedCiphertextException e) {
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException("Decrypting in memory failed", e);
            }
        }
    }
}
