package org.leakdesk.infra.web;

import org.apache.catalina.connector.Connector;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.ProcessRole;
import org.leakdesk.infra.ProcessRoles;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One process, two faces: Tomcat's main connector ({@code server.port}) serves the source face,
 * an extra connector ({@code leakdesk.staff.port}) the staff face. Static files live under
 * {@code /intake/} (source) and {@code /review/} (staff). A process that runs only one face's role
 * ({@code leakdesk.roles}) has one connector, for that face alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffFaceProperties.class)
class FaceConfiguration {

    /**
     * The staff face's own connector, in a process that serves both faces. A staff-only process
     * serves the staff face on Tomcat's main connector instead (see {@code ProcessRoleSettings}).
     */
    @Bean
    FaceConnectors faceConnectors(StaffFaceProperties properties, ProcessRoles roles) {
        if (!(roles.has(ProcessRole.SOURCE) && roles.has(ProcessRole.STAFF))) {
            return new FaceConnectors(null, roles.has(ProcessRole.SOURCE) ? Face.SOURCE : Face.STAFF);
        }
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(properties.port());
        if (properties.address() != null) {
            connector.setProperty("address", properties.address());
        }
        return new FaceConnectors(connector, Face.SOURCE);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> staffConnectorCustomizer(FaceConnectors connectors) {
        return factory -> {
            if (connectors.staff() != null) {
                factory.addAdditionalTomcatConnectors(connectors.staff());
            }
            // Uploads are read as a blocking stream; Tomcat's 8 KiB read buffer made every 8 KiB a
            // poller round trip (about 110 MiB/s warm on 2 cores, 180 MiB/s with 64 KiB).
            factory.addConnectorCustomizers(connector -> connector.setProperty("socket.appReadBufSize", "65536"));
        };
    }

    /**
     * Spring Boot applies {@code server.*} and {@code server.tomcat.*} (timeouts, header and form
     * limits, threads, ...) to the main connector only; this gives the staff connector the same,
     * after every other customizer has had its say.
     */
    @Bean
    SameSettingsOnBothConnectors sameSettingsOnBothConnectors(FaceConnectors connectors) {
        return new SameSettingsOnBothConnectors(connectors);
    }

    @Bean
    TomcatFacePorts facePorts(FaceConnectors connectors) {
        return new TomcatFacePorts(connectors);
    }

    @Bean
    FacePaths facePaths(ProcessRoles roles) {
        return new FacePaths(roles.has(ProcessRole.STAFF));
    }

    @Bean
    WebMvcRegistrations faceAwareMappings(FacePorts ports, FacePaths paths) {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new FaceAwareHandlerMapping(ports, paths);
            }
        };
    }

    /** Runs before Spring Security, so the other face's paths are a 404 even to a signed-out visitor. */
    @Bean
    FilterRegistrationBean<FaceSeparationFilter> faceSeparation(FacePorts ports, FacePaths paths) {
        FilterRegistrationBean<FaceSeparationFilter> registration =
                new FilterRegistrationBean<>(new FaceSeparationFilter(ports, paths));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
