package org.leakdesk.workflow.internal;

import org.leakdesk.infra.AccessVocabulary;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Async event listeners (the process starts after the upload commits), the resubmission schedule
 * and the extraction worker's settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
@EnableConfigurationProperties({ExtractionWorkerSettings.class, ReviewSettings.class})
@PropertySource("classpath:workflow/defaults.properties")
class WorkflowConfiguration {

    @Bean
    AccessVocabulary workflowAccessActions() {
        return AccessVocabulary.of(WorkflowAccessAction.class);
    }
}
