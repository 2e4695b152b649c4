package org.leakdesk.infra;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers both faces send on top of Spring Security's defaults (no caching, no
 * sniffing): a content security policy that allows nothing but the page's own stylesheets and
 * images and no scripts at all, no referrer, no framing.
 */
public final class StrictHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private StrictHeaders() {}

    /** For {@code http.headers(StrictHeaders.strict())}. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> strict() {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.deny());
    }
}
