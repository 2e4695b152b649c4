package org.leakdesk.infra.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Infra's defaults, at lower precedence than the application's own properties so that an
 * installation (or a test profile) overrides any of them.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:infra/defaults.properties")
class InfraDefaults {}
