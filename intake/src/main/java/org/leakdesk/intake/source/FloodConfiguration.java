package org.leakdesk.intake.source;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SourceRateSettings.class, ProofOfWorkSettings.class})
class FloodConfiguration {}
