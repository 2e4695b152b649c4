package org.leakdesk.infra.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The transport's limit for infra/scripts/benchmark (not part of the test suite): the embedded
 * Tomcat that LeakDesk runs on, on loopback, with one servlet that reads a request body and
 * throws it away. Prints {@code port=N} and serves until killed.
 */
public final class DiscardServer {

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("discard-server").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // The read buffer LeakDesk's connectors use (FaceConfiguration), so the reference is as fast
        // a Tomcat as LeakDesk runs on.
        connector.setProperty("socket.appReadBufSize", "65536");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "discard", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                byte[] buffer = new byte[1 << 18];
                long total = 0;
                try (InputStream body = request.getInputStream()) {
                    for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                        total += n;
                    }
                }
                response.setStatus(201);
                response.getWriter().print(total);
            }
        });
        context.addServletMappingDecoded("/*", "discard");
        tomcat.start();
        System.out.println("port=" + connector.getLocalPort());
        tomcat.getServer().await();
    }
}
