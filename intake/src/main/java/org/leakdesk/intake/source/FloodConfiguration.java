package org.leakdesk.intake.source;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SourceRateSettings.class, ProofOfWorkSettings.class})
class FloodConfiguration {

    @Bean
    RateBuckets rateBuckets(SourceRateSettings settings, DataSource dataSource) {
        boolean postgreSql = isPostgreSql(dataSource);
        if (settings.store() == SourceRateSettings.Store.DATABASE && !postgreSql) {
            throw new IllegalStateException("leakdesk.source.rate.store=database needs PostgreSQL; "
                    + "on the embedded database there is only one process, so use memory or auto.");
        }
        boolean shared = settings.store() == SourceRateSettings.Store.DATABASE
                || (settings.store() == SourceRateSettings.Store.AUTO && postgreSql);
        return shared ? new RateBuckets.InPostgreSql(dataSource) : new RateBuckets.InMemory();
    }

    private static boolean isPostgreSql(DataSource dataSource) {
        try {
            return "PostgreSQL"
                    .equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Could not tell which database LeakDesk is connected to", e);
        }
    }
}
