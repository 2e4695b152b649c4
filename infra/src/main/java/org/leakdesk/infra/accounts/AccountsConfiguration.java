package org.leakdesk.infra.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import org.leakdesk.infra.AccessLog;
import org.leakdesk.infra.StaffAccounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    /**
     * Argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): about a third of a second per
     * sign-in on a 2-core machine, which keeps a login well under a second while making
     * guessing expensive.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    }

    @Bean
    JdbcStaffAccounts staffAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, AccessLog accessLog) {
        return new JdbcStaffAccounts(jdbc, passwordEncoder, accessLog, Clock.systemUTC());
    }

    @Bean
    LoginAudit loginAudit(AccessLog accessLog, StaffAccounts accounts) {
        return new LoginAudit(accessLog, accounts);
    }

    @Bean
    @ConditionalOnProperty(name = "leakdesk.demo.accounts", havingValue = "true")
    DemoAccounts demoAccounts(StaffAccounts accounts, SecureRandom random) {
        return new DemoAccounts(accounts, random, System.out);
    }
}
