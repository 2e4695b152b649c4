package org.leakdesk.infra.audit;

import java.time.Clock;
import org.leakdesk.infra.AccessLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AccessLog accessLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new JdbcAccessLog(jdbc, transactions, Clock.systemUTC());
    }
}
