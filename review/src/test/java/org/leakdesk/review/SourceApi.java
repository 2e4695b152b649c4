package org.leakdesk.review;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import org.leakdesk.infra.testing.Multipart;

/**
 * A source on the source face, as a tool or a browser would talk to it: the API's multipart
 * request, a page, a form post (same-origin, as a browser marks it); answers as text.
 */
final class SourceApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SourceApi() {}

    static HttpResponse<String> submit(int sourcePort, Multipart body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(sourcePort, "/api/v1/submissions"))
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A page of the source face, with the source's session cookie if it has one. */
    static HttpResponse<String> page(int sourcePort, String path, @Nullable String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(sourcePort, path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form of the source face posted from one of its own pages. */
    static HttpResponse<String> post(
            int sourcePort, String path, @Nullable String cookie, String contentType, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(sourcePort, path))
                .header("Content-Type", contentType)
                .header("Sec-Fetch-Site", "same-origin")
                .POST(body);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int sourcePort, String path) {
        return URI.create("http://127.0.0.1:" + sourcePort + path);
    }
}
