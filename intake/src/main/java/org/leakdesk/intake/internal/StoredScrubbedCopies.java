package org.leakdesk.intake.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryption;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.PendingBlob;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.ScrubbedCopy;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShreddedException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Makes scrubbed copies in a parser child and stores them like documents: encrypted on the way
 * to the blob store, their details in an encrypted manifest, the row committed after the blob.
 */
final class StoredScrubbedCopies implements ScrubbedCopies {

    private final SubmissionStore store;
    private final StoredDocuments documents;
    private final BlobStore blobs;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final DocumentAnalyzer analyzer;
    private final Json json;
    private final Clock clock;

    StoredScrubbedCopies(
            SubmissionStore store,
            StoredDocuments documents,
            BlobStore blobs,
            Encryptor encryptor,
            Decryptor decryptor,
            DocumentAnalyzer analyzer,
            Json json,
            Clock clock) {
        this.store = store;
        this.documents = documents;
        this.blobs = blobs;
        this.encryptor = encryptor;
        this.decryptor = decryptor;
        this.analyzer = analyzer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ScrubOutcome make(UUID submissionId, UUID fileId, String staffMember) {
        try {
            return makeCopy(submissionId, fileId, staffMember);
        } catch (TamperedCiphertextException e) {
            return new NotPossible("the stored document failed its integrity check (altered or damaged)");
        }
    }

    @Override
    public ScrubbedCopy write(UUID submissionId, UUID fileId, String reader, OutputStream out) throws IOException {
        store.shreddedAt(submissionId).ifPresent(at -> {
            throw new SubmissionShreddedException(submissionId, at);
        });
        boolean ofThisCase =
                store.files(submissionId).stream().anyMatch(row -> row.fileId().equals(fileId));
        SubmissionStore.ScrubbedRow row = store.scrubbed(fileId)
                .filter(found -> ofThisCase)
                .orElseThrow(() -> new SubmissionNotFoundException(submissionId));
        DecryptionSession session = decryptor.open(new AccessRecord(
                reader, IntakeAccessAction.SCRUBBED_COPY_READ, submissionId.toString(), "document " + fileId));
        try (InputStream plaintext =
                session.decrypt(blobs.open(row.blobId()), row.contentKey(), FileRefs.scrubbed(submissionId, fileId))) {
            ScrubbedCopy copy = ScrubbedManifest.read(session, row, json);
            plaintext.transferTo(out);
            return copy;
        } catch (TamperedCiphertextException e) {
            throw new IOException("The scrubbed copy of document " + fileId + " failed its integrity check", e);
        }
    }

    @Override
    public List<ScrubbedCopy> list(UUID submissionId, String reader) {
        if (store.overview(submissionId).isEmpty()) {
            throw new SubmissionNotFoundException(submissionId);
        }
        store.shreddedAt(submissionId).ifPresent(at -> {
            throw new SubmissionShreddedException(submissionId, at);
        });
        List<SubmissionStore.ScrubbedRow> rows = store.files(submissionId).stream()
                .flatMap(file -> store.scrubbed(file.fileId()).stream())
                .toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        DecryptionSession session = decryptor.open(new AccessRecord(
                reader, IntakeAccessAction.SCRUBBED_COPY_READ, submissionId.toString(), "descriptions of the copies"));
        List<ScrubbedCopy> copies = new ArrayList<>();
        for (SubmissionStore.ScrubbedRow row : rows) {
            try {
                copies.add(ScrubbedManifest.read(session, row, json));
            } catch (TamperedCiphertextException e) {
                throw new IllegalStateException("The scrubbed copy of document " + row.fileId() + " is damaged", e);
            }
        }
        return copies;
    }

    private ScrubOutcome makeCopy(UUID submissionId, UUID fileId, String staffMember)
            throws TamperedCiphertextException {
        store.shreddedAt(submissionId).ifPresent(at -> {
            throw new SubmissionShreddedException(submissionId, at);
        });
        SubmissionStore.FileRow file = store.files(submissionId).stream()
                .filter(row -> row.fileId().equals(fileId))
                .findFirst()
                .orElseThrow(() -> new SubmissionNotFoundException(submissionId));
        DecryptionSession session = decryptor.open(new AccessRecord(
                staffMember, IntakeAccessAction.SCRUBBED_COPY_MADE, submissionId.toString(), "document " + fileId));
        Optional<SubmissionStore.ScrubbedRow> existing = store.scrubbed(fileId);
        if (existing.isPresent()) {
            return new Made(ScrubbedManifest.read(session, existing.get(), json));
        }
        DocumentAnalyzer.ScrubResult result = documents.read(
                session,
                file,
                (plaintext, manifest) -> analyzer.scrub(plaintext, manifest.size(), manifest.fileName()));
        if (result instanceof DocumentAnalyzer.NotScrubbed refused) {
            return new NotPossible(refused.reason());
        }
        DocumentAnalyzer.Scrubbed scrubbed = (DocumentAnalyzer.Scrubbed) result;
        try {
            return new Made(store(submissionId, fileId, scrubbed, staffMember));
        } catch (DuplicateKeyException lostRace) {
            return new Made(
                    ScrubbedManifest.read(session, store.scrubbed(fileId).orElseThrow(), json));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the scrubbed copy of document " + fileId, e);
        }
    }

    private ScrubbedCopy store(UUID submissionId, UUID fileId, DocumentAnalyzer.Scrubbed scrubbed, String staffMember)
            throws IOException {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ScrubbedManifest manifest =
                new ScrubbedManifest(scrubbed.mediaType(), scrubbed.bytes().length, sha256(scrubbed.bytes()));
        try (PendingBlob blob = blobs.create()) {
            Encryption encryption = encryptor.encrypt(blob.stream(), FileRefs.scrubbed(submissionId, fileId));
            try (OutputStream plaintext = encryption.plaintext();
                    InputStream copy = new ByteArrayInputStream(scrubbed.bytes())) {
                copy.transferTo(plaintext);
            }
            long storedSize = blob.commit();
            try {
                store.insertScrubbed(
                        new SubmissionStore.ScrubbedRow(
                                submissionId,
                                fileId,
                                blob.id(),
                                encryption.key(),
                                encryptor.seal(json.write(manifest), FileRefs.scrubbedManifest(submissionId, fileId)),
                                now,
                                staffMember),
                        storedSize);
            } catch (RuntimeException e) {
                blobs.delete(blob.id());
                throw e;
            }
        }
        return manifest.describe(fileId, now, staffMember);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
