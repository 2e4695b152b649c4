package org.leakdesk.review.security;

import jakarta.servlet.DispatcherType;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StrictHeaders;
import org.leakdesk.review.web.RefusalLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security of the staff face: form sign-in against the staff accounts (Argon2id), roles checked
 * per path here and per object in the workflow, CSRF on every form, no caching, a strict
 * content security policy with no scripts at all, and no referrer. Outside verifiers' one-time
 * links have a chain of their own, without sign-in or session.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurityConfiguration {

    /**
     * {@code /verify/**}: open to anyone who holds a link, with no session and no CSRF token. The
     * unguessable one-time token in the path (at least 128 random bits, stored only as a hash) is
     * the protection: a forged cross-site form would have to know it already, and a CSRF token
     * would need the session cookie this page must not set.
     */
    @Bean
    @Order(2)
    SecurityFilterChain verifierLinks(HttpSecurity http, FacePorts ports) throws Exception {
        RequestMatcher links = PathPatternRequestMatcher.withDefaults().matcher("/verify/**");
        return http.securityMatcher(
                        request -> ports.faceOf(request.getLocalPort()) == Face.STAFF && links.matches(request))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.principal("verifier"))
                .headers(StrictHeaders.strict())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain staffFace(HttpSecurity http, FacePorts ports, RefusalLog refusals) throws Exception {
        String reviewer = StaffRole.REVIEWER.name();
        String editor = StaffRole.EDITOR.name();
        return http.securityMatcher(request -> ports.faceOf(request.getLocalPort()) == Face.STAFF)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/login", "/review/**")
                        .permitAll()
                        .requestMatchers(
                                "/tasks/*/triage",
                                "/tasks/*/verification-requests/**",
                                "/tasks/*/assessment",
                                "/cases/*/verification-requests/**")
                        .hasRole(reviewer)
                        .requestMatchers("/tasks/*/decision")
                        .hasRole(editor)
                        .requestMatchers("/cases/*/publication-package")
                        .hasAnyRole(reviewer, editor)
                        .requestMatchers("/inbox", "/cases/**", "/tasks/**")
                        .hasAnyRole(reviewer, editor)
                        .requestMatchers("/audit/**")
                        .hasRole(StaffRole.AUDITOR.name())
                        .requestMatchers("/admin/**")
                        .hasRole(StaffRole.ADMIN.name())
                        .anyRequest()
                        .authenticated())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/", true).failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(StrictHeaders.strict())
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, denied) -> {
                    refusals.refused(request, "role does not cover this page");
                    new AccessDeniedHandlerImpl().handle(request, response, denied);
                }))
                .build();
    }
}
