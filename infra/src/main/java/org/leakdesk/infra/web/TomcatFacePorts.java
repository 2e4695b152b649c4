package org.leakdesk.infra.web;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.connector.Connector;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/** The source face is Tomcat's main connector; the staff face is the extra one LeakDesk adds. */
final class TomcatFacePorts implements FacePorts, ApplicationListener<ServletWebServerInitializedEvent> {

    private final Connector staffConnector;
    private final AtomicInteger sourcePort = new AtomicInteger(-1);

    TomcatFacePorts(Connector staffConnector) {
        this.staffConnector = staffConnector;
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        sourcePort.set(event.getWebServer().getPort());
    }

    @Override
    public int portOf(Face face) {
        int port = face == Face.SOURCE ? sourcePort.get() : staffConnector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("The web server has not started yet");
        }
        return port;
    }
}
