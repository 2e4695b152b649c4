package org.leakdesk.intake.internal;

import java.net.InetSocketAddress;
import java.net.Socket;

/** Started in place of a parser child: exits 0 if it can connect to the port it is given, 1 if not. */
public final class NetworkProbe {

    private NetworkProbe() {}

    public static void main(String[] args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 2000);
            System.exit(0);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
