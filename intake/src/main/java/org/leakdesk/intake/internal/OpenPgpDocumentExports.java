package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
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
        return send(
                submissionId,
                document,
                () -> journalistKeys.require(
                        fingerprint), // an unknown key fails before anything is logged or decrypted
                file -> new AccessRecord(
                        exportedBy,
                        IntakeAccessAction.DOCUMENT_EXPORTED,
                        submissionId.toString(),
                        "document " + file.fileId() + " to key " + fingerprint),
                fileName -> journalistKeys.encryptTo(fingerprint, fileName, out),
                "nothing usable was exported");
    }

    @Override
    public Exported download(UUID submissionId, String document, String downloadedBy, Destination destination)
            throws IOException {
        return send(
                submissionId,
                document,
                () -> {},
                file -> new AccessRecord(
                        downloadedBy,
                        IntakeAccessAction.DOCUMENT_DOWNLOADED,
                        submissionId.toString(),
                        "document " + file.fileId()),
                destination::open,
                "it was not sent");
    }

    private interface Sink {
        OutputStream open(String fileName) throws IOException;
    }

    private interface Check {
        void run() throws IOException;
    }

    /**
     * Sends one document's plaintext into {@code sink}: refused for a shredded case, checked by
     * {@code precheck} before the access log entry is written and the document decrypted.
     */
    private Exported send(
            UUID submissionId,
            String document,
            Check precheck,
            Function<SubmissionStore.FileRow, AccessRecord> entry,
            Sink sink,
            String onTamper)
            throws IOException {
        store.shreddedAt(submissionId).ifPresent(at -> {
            throw new SubmissionShreddedException(submissionId, at);
        });
        SubmissionStore.FileRow file = find(submissionId, document);
        precheck.run();
        DecryptionSession session = decryptor.open(entry.apply(file));
        try {
            return documents.read(session, file, (plaintext, manifest) -> {
                long size;
                try (OutputStream out = sink.open(manifest.fileName())) {
                    size = plaintext.transferTo(out);
                }
                return new Exported(file.fileId(), manifest.fileName(), size);
            });
        } catch (TamperedCiphertextException e) {
            throw new IOException("Document " + file.fileId() + " failed its integrity check; " + onTamper, e);
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
