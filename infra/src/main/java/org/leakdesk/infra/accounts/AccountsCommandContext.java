package org.leakdesk.infra.accounts;

import java.security.SecureRandom;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * What {@code accounts} commands need and no more: the database, the access log and the
 * accounts. No process engine, no web server, no newsroom key, no migrations (the application
 * makes the tables at its first start). Not a {@code @Configuration}, so the application's own
 * component scan passes it by; it is a configuration only as the command's source.
 */
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    ConfigurationPropertiesAutoConfiguration.class,
    DataSourceAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class
})
@ComponentScan(basePackages = {"org.leakdesk.infra.audit", "org.leakdesk.infra.config"})
@Import(AccountsConfiguration.class)
class AccountsCommandContext {

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
