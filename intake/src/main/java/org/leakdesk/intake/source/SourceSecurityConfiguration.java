package org.leakdesk.intake.source;

import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StrictHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Security of the source face: no accounts and no server session (a source leaves no trace
 * beyond one CSRF cookie), CSRF protection on the HTML form (the token travels in the form's
 * URL, because the multipart body is only read by the upload stream), and strict headers. The
 * JSON API takes no cookies, so CSRF does not apply to it.
 */
@Configuration(proxyBeanMethods = false)
class SourceSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain sourceFace(HttpSecurity http, FacePorts ports) throws Exception {
        CookieCsrfTokenRepository csrfCookies = new CookieCsrfTokenRepository();
        csrfCookies.setCookieName("leakdesk-source-csrf");
        csrfCookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict"));
        XorCsrfTokenRequestAttributeHandler csrfHandler = new XorCsrfTokenRequestAttributeHandler();
        // Load the token eagerly: the cookie must be set before the page starts streaming out.
        csrfHandler.setCsrfRequestAttributeName(null);
        return http.securityMatcher(request -> ports.faceOf(request.getLocalPort()) == Face.SOURCE)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookies)
                        .csrfTokenRequestHandler(csrfHandler)
                        .ignoringRequestMatchers(
                                PathPatternRequestMatcher.withDefaults().matcher("/api/v1/**")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.principal("source"))
                .headers(StrictHeaders.strict(StrictHeaders.SOURCE_CONTENT_SECURITY_POLICY))
                .build();
    }
}
