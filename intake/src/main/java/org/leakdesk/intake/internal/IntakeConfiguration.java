package org.leakdesk.intake.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessVocabulary;
import org.leakdesk.infra.BlobReferences;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.ProcessRoles;
import org.leakdesk.infra.WrappedKeyColumns;
import org.leakdesk.intake.DocumentExports;
import org.leakdesk.intake.IntakeAccessAction;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.ReturningSources;
import org.leakdesk.intake.ReviewHandOver;
import org.leakdesk.intake.ScrubbedCopies;
import org.leakdesk.intake.SourceCorrespondence;
import org.leakdesk.intake.SourceSettings;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.intake.SubmissionShredding;
import org.leakdesk.intake.Submissions;
import org.leakdesk.intake.UploadLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    UploadLimits.class,
    ExtractionSettings.class,
    BlobSweepSettings.class,
    SourceSettings.class
})
@PropertySource("classpath:intake/defaults.properties")
class IntakeConfiguration {

    @Bean
    AccessVocabulary intakeAccessActions() {
        return AccessVocabulary.of(IntakeAccessAction.class);
    }

    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

    @Bean
    SubmissionStore submissionStore(JdbcClient jdbc) {
        return new SubmissionStore(jdbc);
    }

    @Bean
    ConversationStore conversationStore(JdbcClient jdbc) {
        return new ConversationStore(jdbc);
    }

    @Bean
    Json intakeJson(ObjectMapper mapper) {
        return new Json(mapper);
    }

    @Bean
    InstallationSecrets installationSecrets(
            SubmissionStore store, SecureRandom random, PlatformTransactionManager transactions) {
        return new InstallationSecrets(store, random, transactions);
    }

    @Bean
    Codenames codenames(SecureRandom random, InstallationSecrets secrets) {
        return new Codenames(random, () -> secrets.secret("codename-salt", 16));
    }

    @Bean
    DraftServices draftServices(
            UploadLimits limits,
            Encryptor encryptor,
            BlobStore blobs,
            SubmissionStore store,
            ConversationStore conversations,
            Codenames codenames,
            AccessLog accessLog,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Json json,
            SourceSettings sourceSettings,
            UploadThreads uploadThreads) {
        return new DraftServices(
                limits,
                encryptor,
                blobs,
                store,
                conversations,
                codenames,
                accessLog,
                events,
                new TransactionTemplate(transactions),
                json,
                Clock.systemUTC(),
                sourceSettings,
                uploadThreads);
    }

    @Bean(destroyMethod = "close")
    UploadThreads uploadThreads() {
        return new UploadThreads();
    }

    @Bean
    BlobReferences intakeBlobReferences(JdbcClient jdbc) {
        return new IntakeBlobReferences(jdbc);
    }

    /** Not in a source-only process: its database role may not read everything that references a blob. */
    @Bean
    @ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
    BlobSweeper blobSweeper(
            BlobStore blobs, List<BlobReferences> references, AccessLog accessLog, BlobSweepSettings settings) {
        return new BlobSweeper(blobs, references, accessLog, settings, Clock.systemUTC());
    }

    @Bean
    SubmissionIntake submissionIntake(DraftServices services) {
        return new DefaultSubmissionIntake(services);
    }

    @Bean
    ReviewHandOver reviewHandOver(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new StoredReviewHandOver(jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    Submissions submissions(SubmissionStore store, Decryptor decryptor, Json json) {
        return new JdbcSubmissions(store, decryptor, json);
    }

    @Bean
    SubmissionShredding submissionShredding(
            SubmissionStore store,
            ConversationStore conversations,
            BlobStore blobs,
            PlatformTransactionManager transactions) {
        return new StoredSubmissionShredding(
                store, conversations, blobs, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    ReturningSources returningSources(
            DraftServices services, Codenames codenames, SubmissionStore store, ConversationStore conversations) {
        return new CodenameSignIn(services, codenames, store, conversations);
    }

    @Bean
    SourceCorrespondence sourceCorrespondence(
            DraftServices services, ConversationStore conversations, Decryptor decryptor) {
        return new StoredCorrespondence(services, conversations, decryptor);
    }

    @Bean(destroyMethod = "close")
    IsolatedParsers documentAnalyzer(ExtractionSettings settings, ProcessRoles roles) {
        ScratchSpace scratch = ScratchSpace.find(settings.scratchDirectory());
        if (!scratch.available() && roles.holdsPrivateKey()) {
            log.warn(
                    "No memory-backed scratch space (tmpfs) at {}: parsers get no temporary folder, and documents"
                            + " that need one are recorded as not parsed. Set leakdesk.extraction.scratch-directory"
                            + " to a tmpfs folder.",
                    settings.scratchDirectory() != null ? settings.scratchDirectory() : "/dev/shm");
        }
        // Parsing runs where documents are decrypted; a source-only process decrypts nothing.
        return new IsolatedParsers(
                new ChildLauncher(settings, scratch.available()), scratch, settings, roles.holdsPrivateKey());
    }

    @Bean
    StoredDocuments storedDocuments(BlobStore blobs, Json json) {
        return new StoredDocuments(blobs, json);
    }

    @Bean
    MetadataExtraction metadataExtraction(
            SubmissionStore store,
            StoredDocuments documents,
            Encryptor encryptor,
            Decryptor decryptor,
            IsolatedParsers analyzer,
            Json json) {
        return new DocumentExtraction(store, documents, encryptor, decryptor, analyzer, json, Clock.systemUTC());
    }

    /** Every column of intake that holds a data key wrapped to the newsroom key, for keys rotate. */
    @Bean
    WrappedKeyColumns intakeWrappedKeys() {
        return () -> List.of(
                new WrappedKeyColumns.Column("submission", "id", "message_key"),
                new WrappedKeyColumns.Column("submission_file", "id", "content_key"),
                new WrappedKeyColumns.Column("submission_file", "id", "manifest_key"),
                new WrappedKeyColumns.Column("submission_file_metadata", "file_id", "metadata_key"),
                new WrappedKeyColumns.Column("submission_file_metadata", "file_id", "text_key"),
                new WrappedKeyColumns.Column("submission_file_scrubbed", "file_id", "content_key"),
                new WrappedKeyColumns.Column("submission_file_scrubbed", "file_id", "manifest_key"),
                new WrappedKeyColumns.Column("source_follow_up", "id", "message_key"),
                new WrappedKeyColumns.Column("source_reply", "id", "newsroom_key"));
    }

    @Bean
    DocumentExports documentExports(
            SubmissionStore store, StoredDocuments documents, Decryptor decryptor, JournalistKeys journalistKeys) {
        return new OpenPgpDocumentExports(store, documents, decryptor, journalistKeys);
    }

    @Bean
    ScrubbedCopies scrubbedCopies(
            SubmissionStore store,
            StoredDocuments documents,
            BlobStore blobs,
            Encryptor encryptor,
            Decryptor decryptor,
            IsolatedParsers analyzer,
            Json json) {
        return new StoredScrubbedCopies(
                store, documents, blobs, encryptor, decryptor, analyzer, json, Clock.systemUTC());
    }
}
