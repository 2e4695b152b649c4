package org.leakdesk.infra.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.ConditionalOnProcessRole;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.StaffAccounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
class AccountsConfiguration {

    /**
     * Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): about a third of a second per
     * sign-in on a 2-core machine, which keeps a login well under a second while making
     * guessing expensive.
     */
    private static Argon2PasswordEncoder argon2() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    /** Argon2id, a few hashes at a time. */
    @Bean
    PasswordHashing passwordEncoder(SignInProperties settings) {
        return new PasswordHashing(argon2(), settings.hashingPermits(), settings.hashingWait());
    }

    @Bean
    JdbcStaffAccounts staffAccounts(
            JdbcClient jdbc,
            PasswordHashing passwordEncoder,
            AccessLog accessLog,
            SecureRandom random,
            ApplicationEventPublisher events) {
        return new JdbcStaffAccounts(jdbc, passwordEncoder, accessLog, Clock.systemUTC(), random, events);
    }

    @Bean
    JdbcStaffSignIn staffSignIn(
            JdbcClient jdbc,
            PasswordHashing passwordEncoder,
            SignInProperties settings,
            StaffAccounts accounts,
            AccessLog accessLog,
            TransactionTemplate transactions,
            SecureRandom random) {
        return new JdbcStaffSignIn(
                jdbc,
                passwordEncoder,
                argon2(),
                new SignInThrottle(settings, random),
                TotpSecretKey.loadOrCreate(settings.secretKeyFile(), random),
                accounts,
                accessLog,
                transactions,
                random,
                Clock.systemUTC());
    }

    @Bean
    LoginAudit loginAudit(AccessLog accessLog) {
        return new LoginAudit(accessLog);
    }

    @Bean
    @ConditionalOnProperty(name = "leakdesk.demo.accounts", havingValue = "true")
    @ConditionalOnProcessRole(ProcessRole.STAFF)
    DemoAccounts demoAccounts(StaffAccounts accounts) {
        return new DemoAccounts(accounts, System.out);
    }
}
