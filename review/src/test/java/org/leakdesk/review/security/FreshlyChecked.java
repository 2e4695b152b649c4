package org.leakdesk.review.security;

import java.time.Instant;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** For slice tests: a session whose member passed the fresh check just now. */
public final class FreshlyChecked {

    private FreshlyChecked() {}

    public static RequestPostProcessor now() {
        return request -> {
            request.getSession(true).setAttribute(FreshChecks.CHECKED_AT, Instant.now());
            return request;
        };
    }
}
