package org.leakdesk.workflow.internal;

import java.util.List;
import org.leakdesk.infra.AccessVocabulary;
import org.leakdesk.infra.WrappedKeyColumns;
import org.leakdesk.workflow.WorkflowAccessAction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The schedules (the hand-over from intake, timers), async work and the settings of the
 * extraction worker, the review and the hand-over.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
@EnableConfigurationProperties({ExtractionWorkerSettings.class, ReviewSettings.class, HandOverSettings.class})
@PropertySource("classpath:workflow/defaults.properties")
class WorkflowConfiguration {

    @Bean
    AccessVocabulary workflowAccessActions() {
        return AccessVocabulary.of(WorkflowAccessAction.class);
    }

    /** Every column of workflow that holds a data key wrapped to the newsroom key, for keys rotate. */
    @Bean
    WrappedKeyColumns workflowWrappedKeys() {
        return () -> List.of(
                new WrappedKeyColumns.Column("verification_request", "id", "content_key"),
                new WrappedKeyColumns.Column("verification_request", "id", "comment_key"),
                new WrappedKeyColumns.Column("review_record", "id", "note_key"),
                new WrappedKeyColumns.Column("case_note", "id", "note_key"),
                new WrappedKeyColumns.Column("publication_package", "case_id", "report_key"));
    }
}
