package org.leakdesk.intake.internal;

import java.time.Clock;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.intake.SourceSettings;
import org.leakdesk.intake.UploadLimits;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a submission draft works with; one instance shared by all drafts.
 */
record DraftServices(
        UploadLimits limits,
        Encryptor encryptor,
        BlobStore blobs,
        SubmissionStore store,
        ConversationStore conversations,
        Codenames codenames,
        AccessLog accessLog,
        ApplicationEventPublisher events,
        TransactionTemplate transactions,
        Json json,
        Clock clock,
        SourceSettings sourceSettings,
        UploadThreads uploadThreads) {}
