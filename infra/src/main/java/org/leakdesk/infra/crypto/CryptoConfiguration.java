package org.leakdesk.infra.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessRecord;
import org.leakdesk.infra.Decryptor;
import org.leakdesk.infra.Encryptor;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.JournalistKeys;
import org.leakdesk.infra.NewsroomKeyRotation;
import org.leakdesk.infra.ProcessRoles;
import org.leakdesk.infra.WrappedKeyColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyProperties.class)
class CryptoConfiguration {

    static final String CREDENTIAL = "newsroom-passphrase";

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    NewsroomKeyring newsroomKeyring(KeyProperties properties, SecureRandom random, ProcessRoles roles)
            throws IOException {
        if (!roles.holdsPrivateKey()) {
            log.info("Roles {}: this process holds only the newsroom's public certificates", roles);
            return NewsroomKeyring.loadPublicOnly(properties);
        }
        return NewsroomKeyring.load(
                withCredential(properties, System.getenv("CREDENTIALS_DIRECTORY")),
                System.getenv(NewsroomKeyring.PASSPHRASE_ENV),
                random);
    }

    /**
     * Without {@code leakdesk.keys.passphrase-file}, the passphrase systemd hands the service as
     * the credential {@value #CREDENTIAL} ({@code LoadCredential=}), when there is one.
     */
    static KeyProperties withCredential(KeyProperties properties, @Nullable String credentialsDirectory) {
        if (properties.passphraseFile() != null || credentialsDirectory == null || credentialsDirectory.isEmpty()) {
            return properties;
        }
        Path credential = Path.of(credentialsDirectory, CREDENTIAL);
        if (!Files.isRegularFile(credential)) {
            return properties;
        }
        return new KeyProperties(
                properties.directory(), credential, properties.generateDemoKey(), properties.segmentSize());
    }

    @Bean
    OpenPgpKeyWrap openPgpKeyWrap(NewsroomKeyring keyring, SecureRandom random) {
        return new OpenPgpKeyWrap(keyring.encryptionKeys(), keyring.unlockedKeys(), random);
    }

    @Bean
    NewsroomKeyRotation newsroomKeyRotation(
            KeyProperties properties,
            NewsroomKeyring keyring,
            OpenPgpKeyWrap keyWrap,
            List<WrappedKeyColumns> modules,
            JdbcClient jdbc,
            SecureRandom random) {
        return new RewrappingKeyRotation(
                properties, System.getenv(NewsroomKeyring.PASSPHRASE_ENV), keyring, keyWrap, modules, jdbc, random);
    }

    @Bean
    JournalistKeys journalistKeys(KeyProperties properties, SecureRandom random) {
        return new OpenPgpJournalistKeys(properties.directory(), random);
    }

    @Bean
    SegmentedEnvelope segmentedEnvelope(KeyProperties properties) {
        return new SegmentedEnvelope(properties.segmentSizeOrDefault());
    }

    @Bean
    Encryptor encryptor(OpenPgpKeyWrap keyWrap, SegmentedEnvelope envelope, SecureRandom random) {
        return new EnvelopeEncryptor(keyWrap, envelope, random);
    }

    @Bean
    Decryptor decryptor(OpenPgpKeyWrap keyWrap, SegmentedEnvelope envelope, AccessLog accessLog) {
        return new EnvelopeDecryptor(keyWrap, envelope, accessLog);
    }

    /** The unlock happened while the context started; the log can take the entry once it is ready. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> keyUnlockAudit(NewsroomKeyring keyring, AccessLog accessLog) {
        return event -> {
            if (!keyring.unlockedKeys().isEmpty()) {
                accessLog.recordNow(new AccessRecord(
                        "system:keyring",
                        InfraAccessAction.KEY_UNLOCKED,
                        null,
                        "fingerprint " + String.join(", ", keyring.fingerprints())));
            }
        };
    }
}
