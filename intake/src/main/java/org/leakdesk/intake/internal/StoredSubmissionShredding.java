package org.leakdesk.intake.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import org.leakdesk.infra.BlobId;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.intake.SubmissionNotFoundException;
import org.leakdesk.intake.SubmissionShredding;
import org.springframework.transaction.support.TransactionTemplate;

/** Crypto-shredding over the submission tables and the blob store: blobs first, then every key. */
final class StoredSubmissionShredding implements SubmissionShredding {

    private final SubmissionStore store;
    private final ConversationStore conversations;
    private final BlobStore blobs;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StoredSubmissionShredding(
            SubmissionStore store,
            ConversationStore conversations,
            BlobStore blobs,
            TransactionTemplate transaction,
            Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.blobs = blobs;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public ShreddedObjects shred(UUID submissionId) {
        if (store.overview(submissionId).isEmpty()) {
            throw new SubmissionNotFoundException(submissionId);
        }
        int removed = 0;
        for (BlobId blob : store.blobsOf(submissionId)) {
            if (blobs.exists(blob)) {
                removed++;
            }
            delete(blob);
        }
        int blobCount = removed;
        return transaction.execute(status -> {
            ShreddedObjects shredded = store.shred(submissionId, clock.instant(), blobCount);
            int conversation = conversations.shred(submissionId);
            return new ShreddedObjects(
                    shredded.documents(),
                    shredded.extractions(),
                    shredded.scrubbedCopies(),
                    shredded.message() + conversation,
                    shredded.blobs());
        });
    }

    private void delete(BlobId blob) {
        try {
            blobs.delete(blob);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove a blob of a case being destroyed", e);
        }
    }
}
