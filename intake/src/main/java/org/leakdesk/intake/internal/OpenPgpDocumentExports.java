package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.DocumentExports;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShreddedException;

/** Streams a document from its envelope into an OpenPGP message to a journalist's key, or as it is. */
final class OpenPgpDocumentExports implements DocumentExports {

    private final SubmissionStore store;
    private final StoredDocuments documents;
    private final Decryptor decryptor;
    private final JournalistKeys journalistKeys;

    OpenPgpDocumentExports(
            SubmissionStore store, StoredDocuments documents, Decryptor decryptor, JournalistKeys journalistKeys) {
        this.store = store;
        this.documents = documents;
        this.decryptor = decryptor;
        this.journalistKeys = journalistKeys;
    }

    @Override
    public Exported export(UUID submissionId, String document, String fingerprint, String exportedBy, OutputStream out)
            throws IOException {
        store.shreddedAt(submissionId).ifPresent(at -> {
            throw new SubmissionShreddedException(submissionId, at);
        });
        SubmissionStore.FileRow file = find(submissionId, document);
        journalistKeys.require(fingerprint); // an unknown key fails before anything is logged or decrypted
        DecryptionSession session = decryptor.open(new AccessRecord(
                exportedBy,
                IntakeAccessAction.DOCUMENT_EXPORTED,
                submissionId.toString(),
                "document " + file.fileId() + " to key " + fingerprint));
        try {
            return documents.read(session, file, (plaintext, manifest) -> {
                long size;
                try (OutputStream message = journalistKeys.encryptTo(fingerprint, manifest.fileName(), out)) {
                    size = plaintext.transferTo(message);
                }
                return new Exported(file.fileId(), manifest.fileName(), size);
            });
        } catch (TamperedCiphertextException e) {
            throw new IOException(
                    "Document " + file.fileId() + " failed its integrity check; nothing usable was exported", e);
        }
    }

    @Override
    public Exported download(UUID submissionId, String document, String downloadedBy, Destination destination)
            throws IOException {
        store.shreddedAt(submissionId).ifPresent(at -> {
            throw new SubmissionShreddedException(submissionId, at);
        });
        SubmissionStore.FileRow file = find(submissionId, document);
        DecryptionSession session = decryptor.open(new AccessRecord(
                downloadedBy,
                IntakeAccessAction.DOCUMENT_DOWNLOADED,
                submissionId.toString(),
                "document " + file.fileId()));
        try {
            return documents.read(session, file, (plaintext, manifest) -> {
                long size;
                try (OutputStream out = destination.open(manifest.fileName())) {
                    size = plaintext.transferTo(out);
                }
                return new Exported(file.fileId(), manifest.fileName(), size);
            });
        } catch (TamperedCiphertextException e) {
            throw new IOException("Document " + file.fileId() + " failed its integrity check; it was not sent", e);
        }
    }

    private SubmissionStore.FileRow find(UUID submissionId, String document) {
        List<SubmissionStore.FileRow> files = store.files(submissionId);
        for (SubmissionStore.FileRow file : files) {
            if (file.fileId().toString().equalsIgnoreCase(document)
                    || Integer.toString(files.indexOf(file) + 1).equals(document)) {
                return file;
            }
        }
        throw new SubmissionNotFoundException(submissionId);
    }
}
