package org.leakdesk.intake.source;

import java.security.SecureRandom;
import java.time.Clock;
import org.leakdesk.intake.SourceSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SourceSessionConfiguration {

    @Bean
    SourceSessions sourceSessions(SecureRandom random, SourceSettings settings) {
        return new SourceSessions(random, settings, Clock.systemUTC());
    }
}
