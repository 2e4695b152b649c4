package org.leakdesk.workflow.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link ExtractionWorker} takes extraction tasks from the engine ({@code leakdesk.extraction.*};
 * intake's parser settings share the prefix, so every extraction setting is in one place).
 *
 * @param workers threads, each extracting one case at a time; twice the parser children by default, so
 *     a child parses the next document while a thread decrypts, stores and completes the last one
 * @param lockDuration how long a task stays with this worker without a sign of life: extended every
 *     third of it while the work runs, so it is also how soon a dead worker's task goes to another
 * @param idlePoll pause between polls while there is no work
 * @param retries attempts before a failing extraction becomes an incident
 * @param retryDelay wait before a failed extraction is tried again
 */
@ConfigurationProperties("leakdesk.extraction")
record ExtractionWorkerSettings(
        @DefaultValue("4") int workers,
        @DefaultValue("5m") Duration lockDuration,
        @DefaultValue("250ms") Duration idlePoll,
        @DefaultValue("5") int retries,
        @DefaultValue("1m") Duration retryDelay) {

    ExtractionWorkerSettings {
        if (workers < 1 || retries < 1) {
            throw new IllegalArgumentException("leakdesk.extraction.workers and .retries must be at least 1");
        }
    }
}
