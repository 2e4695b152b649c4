package org.leakdesk.infra.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.leakdesk.infra.AccessActions;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.AccessVocabulary;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.InfraAccessAction;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.ProcessRoles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AccessVocabulary infraAccessActions() {
        return AccessVocabulary.of(InfraAccessAction.class);
    }

    @Bean
    AccessActions accessActions(List<AccessVocabulary> vocabularies) {
        return new AccessActions(vocabularies);
    }

    /**
     * The checkpoint signing key, only where staff work or jobs run: a source-only process, the
     * one exposed to the public, never reads it, so taking one over cannot forge a checkpoint.
     */
    @Bean
    @ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
    CheckpointKey checkpointKey(AuditProperties properties, SecureRandom random) {
        return CheckpointKey.loadOrCreate(properties.checkpointKey(), random);
    }

    @Bean
    Witness witness(AuditProperties properties, ObjectProvider<CheckpointKey> key) {
        Witness witness = new Witness(properties.witnessDirectory());
        key.ifAvailable(signing -> witness.publish(signing.publicKey()));
        return witness;
    }

    @Bean(destroyMethod = "stopBackground")
    Sealer sealer(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            AuditProperties properties,
            ProcessRoles roles) {
        return new Sealer(jdbc, transactions, properties.sealDelay(), roles.holdsPrivateKey());
    }

    /**
     * Before the database connections close: the entries this process committed are sealed, so
     * that another process reading the log (a jar command has just run, say) sees them at once
     * rather than after its next sweep.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> sealBeforeClosing(Sealer sealer) {
        return event -> sealer.sealBeforeStop();
    }

    @Bean
    @ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
    Checkpointer checkpointer(JdbcClient jdbc, Sealer sealer, Witness witness, CheckpointKey key) {
        return new Checkpointer(jdbc, sealer, witness, key, Clock.systemUTC());
    }

    /**
     * Only where staff work or jobs run: a source-only process, the one exposed to the public,
     * signs no checkpoint; a staff or worker process checkpoints the whole log, what source
     * processes wrote included.
     */
    @Bean
    @ConditionalOnProcessRole({ProcessRole.STAFF, ProcessRole.WORKER})
    CheckpointSchedule checkpointSchedule(Checkpointer checkpointer, Sealer sealer, AuditProperties properties) {
        return new CheckpointSchedule(checkpointer, properties.checkpointInterval(), sealer, properties.sealInterval());
    }

    @Bean
    AccessLog accessLog(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            PlatformTransactionManager transactions,
            Sealer sealer,
            ObjectProvider<Checkpointer> checkpointer,
            Witness witness,
            ObjectProvider<CheckpointKey> key,
            AccessActions actions) {
        CheckpointKey signing = key.getIfAvailable();
        return new JdbcAccessLog(
                jdbc,
                jdbcTemplate,
                actions,
                transactions,
                sealer,
                checkpointer.getIfAvailable(),
                witness,
                signing == null ? null : new ChainVerifier(jdbcTemplate, transactions, witness, signing.publicKey()),
                signing == null ? null : signing.publicKey(),
                Clock.systemUTC());
    }

    static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
