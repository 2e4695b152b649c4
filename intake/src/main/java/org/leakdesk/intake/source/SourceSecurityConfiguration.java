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
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Security of the source face: no accounts, no servlet session and no cookie at all before a
 * source signs in with a codename ({@link SourceSessions} then sets the only one). Forms are
 * protected from cross-site forgery by the browser's fetch metadata ({@link SameOriginPosts}) and,
 * once signed in, by the session's own token; Spring Security's CSRF support is off because it
 * needs a cookie or a session first. Strict headers everywhere.
 */
@Configuration(proxyBeanMethods = false)
class SourceSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain sourceFace(HttpSecurity http, FacePorts ports) throws Exception {
        return http.securityMatcher(request -> ports.faceOf(request.getLocalPort()) == Face.SOURCE)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(new SameOriginPosts(), HeaderWriterFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.principal("source"))
                .headers(StrictHeaders.strict(StrictHeaders.SOURCE_CONTENT_SECURITY_POLICY))
                .build();
    }
}
