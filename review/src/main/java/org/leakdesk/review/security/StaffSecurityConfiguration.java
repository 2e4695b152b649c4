package org.leakdesk.review.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.StaffSignIn;
import org.leakdesk.infra.StrictHeaders;
import org.leakdesk.review.web.RefusalLog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security of the staff face: sign-in with password (Argon2id) and then an authenticator code
 * (TOTP) or a recovery code, sessions with an idle and an absolute limit that end at once when
 * an admin disables the account, roles checked
 * per path here and per object in the workflow, CSRF on every form, no caching, a strict
 * content security policy with no scripts at all, and no referrer. Outside verifiers' one-time
 * links have a chain of their own, without sign-in or session.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffSessionProperties.class)
class StaffSecurityConfiguration {

    /** The second step of sign-in, open only to a {@link PendingSignIn}: see {@link SecondFactorController}. */
    static final String[] SECOND_FACTOR_PATHS = {"/login/code", "/login/recovery", "/login/enrol", "/login/enrol/qr.png"
    };

    /**
     * The only way to a {@link PendingSignIn}. As a bean it is the global authentication
     * manager's one provider (and Boot makes no in-memory user); added to a chain as well it
     * would check each password twice.
     */
    @Bean
    PasswordStep passwordStep(StaffSignIn signIn) {
        return new PasswordStep(signIn, Clock.systemUTC());
    }

    @Bean
    SecurityContextRepository staffSecurityContexts() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    @Bean
    SignedInSessions signedInSessions(
            SecurityContextRepository staffSecurityContexts, StaffSessionProperties settings) {
        return new SignedInSessions(staffSecurityContexts, settings, Clock.systemUTC());
    }

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

    /**
     * Every refusal is the same "wrong or too many" answer; only a full house of password checks
     * differs. Nothing goes into the session (Spring's failure handlers keep the exception there).
     */
    private static AuthenticationFailureHandler signInFailures() {
        return (request, response, refused) -> response.sendRedirect(
                request.getContextPath() + (refused instanceof SignInBusyException ? "/login?busy" : "/login?error"));
    }

    @Bean
    @Order(3)
    SecurityFilterChain staffFace(
            HttpSecurity http,
            FacePorts ports,
            RefusalLog refusals,
            SecurityContextRepository staffSecurityContexts,
            SignedInSessions sessions,
            StaffSignIn signIn)
            throws Exception {
        AuthorizationManager<RequestAuthorizationContext> pendingSignIn =
                (authentication, context) -> new AuthorizationDecision(authentication.get() instanceof PendingSignIn);

        String reviewer = StaffRole.REVIEWER.name();
        String editor = StaffRole.EDITOR.name();
        return http.securityMatcher(request -> ports.faceOf(request.getLocalPort()) == Face.STAFF)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(SECOND_FACTOR_PATHS)
                        .access(pendingSignIn)
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
                .formLogin(form -> form.loginPage("/login")
                        // No request details (address, session id) on the sign-in: they would be
                        // kept in the session, which lives in the database.
                        .authenticationDetailsSource(request -> null)
                        .successHandler(
                                (request, response, authentication) -> response.sendRedirect(request.getContextPath()
                                        + (((PendingSignIn) authentication).enrolled()
                                                ? "/login/code"
                                                : "/login/enrol")))
                        .failureHandler(signInFailures()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedout"))
                .securityContext(context -> context.securityContextRepository(staffSecurityContexts))
                // Sign-in always goes on to its second step and then home, never back to a saved
                // request; and a saved request (headers, user agent) has no place in the session.
                .requestCache(cache -> cache.disable())
                // A new session id when the password is accepted; SignedInSessions makes another at sign-in.
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new SessionLimits(sessions, signIn), AuthorizationFilter.class)
                .headers(StrictHeaders.strict())
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, denied) -> {
                    refusals.refused(request, "role does not cover this page");
                    new AccessDeniedHandlerImpl().handle(request, response, denied);
                }))
                .build();
    }
}
