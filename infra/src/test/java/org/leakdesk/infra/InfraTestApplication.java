package org.leakdesk.infra;

import org.leakdesk.infra.testing.TestAccessAction;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Boots infra alone against the test database, with actions standing in for the upper modules'. */
@SpringBootApplication
class InfraTestApplication {

    @Bean
    AccessVocabulary testAccessActions() {
        return AccessVocabulary.of(TestAccessAction.class);
    }
}
