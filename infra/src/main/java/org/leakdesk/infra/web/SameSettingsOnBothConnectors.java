package org.leakdesk.infra.web;

import java.nio.charset.Charset;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Runs last among the web server customizers and applies every connector and protocol customizer
 * the main connector gets (Spring Boot's {@code server.*} settings among them) to the staff
 * connector too, so a timeout or a header limit holds on both faces. Forwarded headers are handled
 * at the engine or in a filter, so they already hold on both.
 */
final class SameSettingsOnBothConnectors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final FaceConnectors connectors;

    SameSettingsOnBothConnectors(FaceConnectors connectors) {
        this.connectors = connectors;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void customize(TomcatServletWebServerFactory factory) {
        Connector staff = connectors.staff();
        if (staff == null) {
            return;
        }
        Charset encoding = factory.getUriEncoding();
        if (encoding != null) {
            staff.setURIEncoding(encoding.name());
        }
        for (TomcatConnectorCustomizer customizer : factory.getTomcatConnectorCustomizers()) {
            customizer.customize(staff);
        }
        ProtocolHandler handler = staff.getProtocolHandler();
        for (TomcatProtocolHandlerCustomizer customizer : factory.getTomcatProtocolHandlerCustomizers()) {
            customizer.customize(handler);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
