package org.leakdesk.infra.web;

import java.util.concurrent.atomic.AtomicInteger;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Tomcat's main connector serves the source face, and the extra connector LeakDesk adds the staff
 * face; a process that runs one face's role only has the main connector, serving that face.
 */
final class TomcatFacePorts implements FacePorts, ApplicationListener<ServletWebServerInitializedEvent> {

    private final FaceConnectors connectors;
    private final AtomicInteger mainPort = new AtomicInteger(-1);

    TomcatFacePorts(FaceConnectors connectors) {
        this.connectors = connectors;
    }

    @Override
    public void onApplicationEvent(ServletWebServerInitializedEvent event) {
        // The management server (its own context) announces itself too; only the main one counts.
        if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
            mainPort.set(event.getWebServer().getPort());
        }
    }

    @Override
    public int portOf(Face face) {
        int port;
        if (face == connectors.mainFace()) {
            port = mainPort.get();
        } else if (connectors.staff() != null) {
            port = connectors.staff().getLocalPort();
        } else {
            throw new IllegalStateException("This process does not serve the " + face + " face (leakdesk.roles)");
        }
        if (port <= 0) {
            throw new IllegalStateException("The web server has not started yet");
        }
        return port;
    }

    @Override
    public Face faceOf(int localPort) {
        if (connectors.staff() == null) {
            return connectors.mainFace();
        }
        return FacePorts.super.faceOf(localPort);
    }
}
