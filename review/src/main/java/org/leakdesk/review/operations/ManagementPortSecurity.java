package org.leakdesk.review.operations;

import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The management port (loopback only; health and Prometheus metrics, nothing else exposed) has a
 * security chain of its own, ahead of the faces' chains: those tell the source face from the staff
 * face by port, and this port is neither. It takes no session and no sign-in; what keeps it
 * private is its loopback address ({@code management.server.address}). The faces' ports answer
 * 404 to {@code /actuator/**} before any chain runs.
 */
@Configuration(proxyBeanMethods = false)
class ManagementPortSecurity {

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    @Order(0)
    SecurityFilterChain managementPortChain(HttpSecurity http, ManagementPort port) throws Exception {
        return http.securityMatcher(request -> port.is(request.getLocalPort()))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /** The port the management server listens on, once it has started (it may be picked at random). */
    static final class ManagementPort implements ApplicationListener<ServletWebServerInitializedEvent> {

        private volatile int port = -1;

        @Override
        public void onApplicationEvent(ServletWebServerInitializedEvent event) {
            if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                port = event.getWebServer().getPort();
            }
        }

        boolean is(int localPort) {
            return localPort > 0 && localPort == port;
        }
    }
}
