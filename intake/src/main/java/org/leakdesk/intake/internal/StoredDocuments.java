package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.TamperedCiphertextException;

/**
 * Reads a stored document back for a parser child: its manifest, then its body decrypted as a
 * stream (in memory, never to disk). One place for what a failed authentication means, so
 * extraction and scrubbing treat an altered document alike.
 */
final class StoredDocuments {

    /** What to do with a document's plaintext. */
    interface Reading<T> {
        T read(InputStream plaintext, Manifest manifest) throws IOException;
    }

    private final BlobStore blobs;
    private final Json json;

    StoredDocuments(BlobStore blobs, Json json) {
        this.blobs = blobs;
        this.json = json;
    }

    /**
     * Decrypts the document's manifest and body and hands them to {@code reading}.
     *
     * @throws TamperedCiphertextException if the manifest or the body fails authentication
     * @throws UncheckedIOException if the blob store cannot be read (worth retrying)
     */
    <T> T read(DecryptionSession session, SubmissionStore.FileRow file, Reading<T> reading)
            throws TamperedCiphertextException {
        Manifest manifest = json.read(
                session.open(file.manifest(), FileRefs.manifest(file.submissionId(), file.fileId())), Manifest.class);
        try (InputStream ciphertext = blobs.open(file.blobId());
                InputStream plaintext = session.decrypt(
                        ciphertext, file.contentKey(), FileRefs.content(file.submissionId(), file.fileId()))) {
            return reading.read(plaintext, manifest);
        } catch (TamperedCiphertextException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof TamperedCiphertextException tampered) {
                throw tampered;
            }
            throw new UncheckedIOException("Could not read document " + file.fileId() + " from the blob store", e);
        }
    }
}
