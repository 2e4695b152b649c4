package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.AccessAction;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.SubmissionNotFoundException;

/**
 * Decrypts each document that has no metadata yet (in memory, streaming), lets the analyzer read
 * it, and stores the result encrypted. Writes join the caller's transaction, so a crash before
 * commit leaves the document to be extracted again.
 */
final class TikaMetadataExtraction implements MetadataExtraction {

    static final String ACTOR = "system:extraction";

    private final SubmissionStore store;
    private final BlobStore blobs;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final DocumentAnalyzer analyzer;
    private final Json json;

    TikaMetadataExtraction(
            SubmissionStore store,
            BlobStore blobs,
            Encryptor encryptor,
            Decryptor decryptor,
            DocumentAnalyzer analyzer,
            Json json) {
        this.store = store;
        this.blobs = blobs;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
        this.analyzer = analyzer;
        this.json = json;
    }

    @Override
    public ExtractionSummary extractAll(UUID submissionId, Runnable beforeEachDocument) {
        if (store.overview(submissionId).isEmpty()) {
            throw new SubmissionNotFoundException(submissionId);
        }
        List<SubmissionStore.FileRow> pending = store.files(submissionId).stream()
                .filter(file -> store.metadata(file.fileId()).isEmpty())
                .toList();
        if (!pending.isEmpty()) {
            DecryptionSession session = decryptor.open(new AccessRecord(
                    ACTOR,
                    AccessAction.METADATA_EXTRACTED,
                    submissionId.toString(),
                    pending.size() + (pending.size() == 1 ? " document" : " documents")));
            pending.forEach(file -> extract(session, file));
        }
        return store.outcomes(submissionId);
    }

    private void extract(DecryptionSession session, SubmissionStore.FileRow file) {
        try {
            Manifest manifest =
                    json.read(session.open(file.manifest(), FileRefs.manifest(file.fileId())), Manifest.class);
            ExtractedMetadata metadata;
            try (InputStream ciphertext = blobs.open(file.blobId());
                    InputStream plaintext =
                            session.decrypt(ciphertext, file.contentKey(), FileRefs.content(file.fileId()))) {
                metadata = analyzer.analyze(plaintext, manifest.fileName());
            }
            store.insertMetadata(
                    file.fileId(), metadata, encryptor.seal(json.write(metadata), FileRefs.metadata(file.fileId())));
        } catch (TamperedCiphertextException e) {
            throw new IllegalStateException(
                    "Document " + file.fileId() + " failed authentication: its stored form was altered", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read document " + file.fileId() + " from the blob store", e);
        }
    }
}
