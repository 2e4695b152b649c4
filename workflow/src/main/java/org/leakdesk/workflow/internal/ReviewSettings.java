package org.leakdesk.workflow.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the review process ({@code leakdesk.review.*}).
 *
 * @param retention how long a rejected case is kept before its documents are destroyed
 */
@ConfigurationProperties("leakdesk.review")
record ReviewSettings(Duration retention) {

    ReviewSettings {
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("leakdesk.review.retention must be a positive duration, e.g. 90d");
        }
    }
}
