package org.leakdesk.intake.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.BlobStore;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.intake.MetadataExtraction;
import org.leakdesk.intake.SubmissionIntake;
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
@EnableConfigurationProperties({UploadLimits.class, IntakeProperties.class})
@PropertySource("classpath:intake/defaults.properties")
class IntakeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);
    private static final Path RAM_DISK = Path.of("/dev/shm");

    @Bean
    SubmissionStore submissionStore(JdbcClient jdbc) {
        return new SubmissionStore(jdbc);
    }

    @Bean
    Json intakeJson(ObjectMapper mapper) {
        return new Json(mapper);
    }

    @Bean
    Codenames codenames(SecureRandom random, SubmissionStore store, PlatformTransactionManager transactions) {
        TransactionTemplate ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        return new Codenames(
                random,
                () -> ownTransaction.execute(status -> store.secret("codename-salt", () -> {
                    byte[] salt = new byte[16];
                    random.nextBytes(salt);
                    return salt;
                })));
    }

    @Bean
    DraftServices draftServices(
            UploadLimits limits,
            Encryptor encryptor,
            BlobStore blobs,
            SubmissionStore store,
            Codenames codenames,
            AccessLog accessLog,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Json json) {
        return new DraftServices(
                limits,
                encryptor,
                blobs,
                store,
                codenames,
                accessLog,
                events,
                new TransactionTemplate(transactions),
                json,
                Clock.systemUTC());
    }

    @Bean
    SubmissionIntake submissionIntake(DraftServices services) {
        return new DefaultSubmissionIntake(services);
    }

    @Bean
    Submissions submissions(SubmissionStore store, Decryptor decryptor, Json json) {
        return new JdbcSubmissions(store, decryptor, json);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService tikaExecutor() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tika-parse");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    DocumentAnalyzer documentAnalyzer(IntakeProperties properties, ExecutorService tikaExecutor) throws IOException {
        return new InProcessTikaAnalyzer(
                properties.textLimit(),
                properties.timeoutSeconds(),
                scratchDirectory(properties),
                tikaExecutor,
                Clock.systemUTC());
    }

    @Bean
    MetadataExtraction metadataExtraction(
            SubmissionStore store,
            BlobStore blobs,
            Encryptor encryptor,
            Decryptor decryptor,
            DocumentAnalyzer analyzer,
            Json json) {
        return new TikaMetadataExtraction(store, blobs, encryptor, decryptor, analyzer, json);
    }

    private static Path scratchDirectory(IntakeProperties properties) throws IOException {
        Path dir = properties.scratchDirectory();
        if (dir == null) {
            if (Files.isDirectory(RAM_DISK) && Files.isWritable(RAM_DISK)) {
                dir = RAM_DISK.resolve("leakdesk-" + ProcessHandle.current().pid());
            } else {
                dir = Path.of(System.getProperty("java.io.tmpdir"), "leakdesk-scratch");
                log.warn(
                        "No RAM-backed /dev/shm: Tika's temporary copies of documents go to {}, on disk."
                                + " Set leakdesk.extraction.scratch-directory to a tmpfs folder.",
                        dir);
            }
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }
}
