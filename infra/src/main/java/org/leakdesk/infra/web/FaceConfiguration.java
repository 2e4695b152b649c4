package org.leakdesk.infra.web;

import org.apache.catalina.connector.Connector;
import org.leakdesk.infra.FacePorts;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One process, two faces: Tomcat's main connector ({@code server.port}) serves the source face,
 * an extra connector ({@code leakdesk.staff.port}) the staff face. Static files live under
 * {@code /intake/} (source) and {@code /review/} (staff).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StaffFaceProperties.class)
class FaceConfiguration {

    @Bean
    Connector staffConnector(StaffFaceProperties properties) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(properties.port());
        if (properties.address() != null) {
            connector.setProperty("address", properties.address());
        }
        return connector;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> staffConnectorCustomizer(Connector staffConnector) {
        return factory -> {
            factory.addAdditionalTomcatConnectors(staffConnector);
            // Uploads are read as a blocking stream; Tomcat's 8 KiB read buffer made every 8 KiB a
            // poller round trip (about 110 MiB/s warm on 2 cores, 180 MiB/s with 64 KiB).
            factory.addConnectorCustomizers(connector -> connector.setProperty("socket.appReadBufSize", "65536"));
        };
    }

    @Bean
    TomcatFacePorts facePorts(Connector staffConnector) {
        return new TomcatFacePorts(staffConnector);
    }

    @Bean
    FacePaths facePaths() {
        return new FacePaths();
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
