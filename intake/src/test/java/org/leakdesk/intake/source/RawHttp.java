package org.leakdesk.intake.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, for requests no ordinary client sends: a body that never ends, a
 * client that goes away halfway. The response is read while the body is still being written.
 */
final class RawHttp {

    record Response(int status, String body) {}

    private RawHttp() {}

    /** Sends {@code body} chunked until it ends or the server stops reading; returns what came back. */
    static Response postChunked(int port, String path, InputStream body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true); // each piece leaves as it is written
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + RawMultipart.contentType()
                            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    // One write per chunk: one packet, as the socket sends without delay.
                    ByteArrayOutputStream chunk = new ByteArrayOutputStream(n + 16);
                    chunk.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    chunk.write(buffer, 0, n);
                    chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    chunk.writeTo(out);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException serverStoppedReading) {
                // Expected for an endless body: the server answered and closed the connection.
            }
            return parse(answer.get());
        }
    }

    /** Sends {@code body} with the Content-Length given, true or not, then waits for the answer. */
    static Response postWithLength(int port, String path, long contentLength, byte[] body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(120_000);
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + RawMultipart.contentType()
                            + "\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
                socket.shutdownOutput(); // the body ends here, whatever its length said
            } catch (IOException serverStoppedReading) {
                // The server answered before the body ended.
            }
            return parse(answer.get());
        }
    }

    private static byte[] readAll(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // A reset after the answer: keep what arrived.
        }
        return received.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Response(-1, text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int bodyStart = text.indexOf("\r\n\r\n");
        return new Response(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
    }
}
