package org.leakdesk.intake.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A multipart body written byte by byte, parts in exactly the order given, so tests can send
 * what browsers never would: unknown fields, empty file inputs with content, the message last.
 */
final class RawMultipart {

    static final String BOUNDARY = "leakdesk-test-boundary-7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    RawMultipart field(String name, String value) {
        return field(name, value.getBytes(StandardCharsets.UTF_8));
    }

    RawMultipart field(String name, byte[] value) {
        header("Content-Disposition: form-data; name=\"" + name + "\"");
        body.writeBytes(value);
        body.writeBytes(crlf());
        return this;
    }

    RawMultipart file(String name, String fileName, byte[] content) {
        header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream");
        body.writeBytes(content);
        body.writeBytes(crlf());
        return this;
    }

    /** A file part whose Content-Disposition is exactly {@code disposition}. */
    RawMultipart fileWithDisposition(String disposition, byte[] content) {
        header("Content-Disposition: " + disposition + "\r\nContent-Type: application/octet-stream");
        body.writeBytes(content);
        body.writeBytes(crlf());
        return this;
    }

    /** The start of a file part: its headers only; the content follows in the caller's own writes. */
    RawMultipart fileStart(String name, String fileName) {
        header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream");
        return this;
    }

    /** The body so far, without the closing boundary. */
    byte[] open() {
        return body.toByteArray();
    }

    /** The whole body, closing boundary included. */
    byte[] close() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream();
        closed.writeBytes(body.toByteArray());
        closed.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return closed.toByteArray();
    }

    private void header(String headers) {
        body.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] crlf() {
        return "\r\n".getBytes(StandardCharsets.US_ASCII);
    }
}
