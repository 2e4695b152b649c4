package org.leakdesk.intake.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.DecryptionSession;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.SealedValue;
import org.leakdesk.infra.TamperedCiphertextException;
import org.leakdesk.intake.CaseDocuments;
import org.leakdesk.intake.ExtractedMetadata;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.ScrubbedCopy;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionOverview;
import org.leakdesk.intake.SubmissionShreddedException;
import org.leakdesk.intake.Submissions;
import org.leakdesk.intake.SubmittedDocument;

/** Reads submissions for staff: logs the access, then decrypts details, metadata and message. */
final class JdbcSubmissions implements Submissions {

    private final SubmissionStore store;
    private final Decryptor decryptor;
    private final Json json;

    JdbcSubmissions(SubmissionStore store, Decryptor decryptor, Json json) {
        this.store = store;
        this.decryptor = decryptor;
        this.json = json;
    }

    @Override
    public Optional<SubmissionOverview> overview(UUID submissionId) {
        return store.overview(submissionId);
    }

    @Override
    public Map<UUID, SubmissionOverview> overviews(Collection<UUID> submissionIds) {
        return store.overviews(submissionIds);
    }

    @Override
    public CaseDocuments read(UUID submissionId, String staffMember) {
        SubmissionOverview overview =
                store.overview(submissionId).orElseThrow(() -> new SubmissionNotFoundException(submissionId));
        Optional<java.time.Instant> shredded = store.shreddedAt(submissionId);
        if (shredded.isPresent()) {
            throw new SubmissionShreddedException(submissionId, shredded.get());
        }
        DecryptionSession session = decryptor.open(new AccessRecord(
                staffMember,
                IntakeAccessAction.CASE_VIEWED,
                submissionId.toString(),
                "file details, metadata and message"));
        try {
            List<SubmittedDocument> documents = new ArrayList<>();
            for (SubmissionStore.FileRow file : store.files(submissionId)) {
                Manifest manifest = json.read(
                        session.open(file.manifest(), FileRefs.manifest(submissionId, file.fileId())), Manifest.class);
                ExtractedMetadata metadata = null;
                Optional<SubmissionStore.MetadataRow> row = store.metadata(file.fileId());
                if (row.isPresent()) {
                    metadata = json.read(
                            session.open(row.get().metadata(), FileRefs.metadata(submissionId, file.fileId())),
                            ExtractedMetadata.class);
                }
                documents.add(new SubmittedDocument(
                        file.fileId(),
                        file.order(),
                        manifest.fileName(),
                        manifest.declaredType(),
                        manifest.size(),
                        manifest.sha256() != null ? manifest.sha256() : metadata == null ? null : metadata.sha256(),
                        metadata,
                        text(session, submissionId, file.fileId()),
                        scrubbedCopy(session, file.fileId())));
            }
            String message = null;
            Optional<SealedValue> sealedMessage = store.message(submissionId);
            if (sealedMessage.isPresent()) {
                message = new String(
                        session.open(sealedMessage.get(), FileRefs.message(submissionId)), StandardCharsets.UTF_8);
            }
            return new CaseDocuments(overview, documents, message);
        } catch (TamperedCiphertextException e) {
            throw new IllegalStateException("Case " + submissionId + " has a damaged or altered record", e);
        }
    }

    private @Nullable String text(DecryptionSession session, UUID submissionId, UUID fileId)
            throws TamperedCiphertextException {
        Optional<SealedValue> sealed = store.text(fileId);
        return sealed.isEmpty()
                ? null
                : new String(session.open(sealed.get(), FileRefs.text(submissionId, fileId)), StandardCharsets.UTF_8);
    }

    private @Nullable ScrubbedCopy scrubbedCopy(DecryptionSession session, UUID fileId)
            throws TamperedCiphertextException {
        Optional<SubmissionStore.ScrubbedRow> row = store.scrubbed(fileId);
        return row.isEmpty() ? null : ScrubbedManifest.read(session, row.get(), json);
    }
}
