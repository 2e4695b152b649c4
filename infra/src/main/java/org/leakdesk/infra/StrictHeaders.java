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

    /**
     * The source face's policy: the same, plus scripts and requests to the page's own origin only
     * (the submit page's proof of work and upload progress; never inline script).
     */
    public static final String SOURCE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "connect-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * A staff page that runs the application's own scripts (the case page draws the process
     * diagram): the same as {@link #CONTENT_SECURITY_POLICY} plus scripts from the page's own
     * origin; never inline script, never eval, still no inline style.
     */
    public static final String SCRIPTED_STAFF_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private StrictHeaders() {}

    /** For {@code http.headers(StrictHeaders.strict())}. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> strict() {
        return strict(CONTENT_SECURITY_POLICY);
    }

    /** For {@code http.headers(StrictHeaders.strict(policy))}, with another content security policy. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> strict(String contentSecurityPolicy) {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.deny());
    }
}
