package org.leakdesk.infra.config;

import org.leakdesk.infra.ProcessRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;

/**
 * Infra's defaults, at lower precedence than the application's own properties so that an
 * installation (or a test profile) overrides any of them; and the roles this process runs.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:infra/defaults.properties")
class InfraDefaults {

    /** Static: checked before any other bean exists. */
    @Bean
    static ProductionSafety productionSafety(Environment environment) {
        return ProductionSafety.of(environment);
    }

    @Bean
    ProcessRoles processRoles(Environment environment) {
        return ProcessRoles.from(environment);
    }
}
