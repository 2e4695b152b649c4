package org.leakdesk.review;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.leakdesk.infra.testing.Multipart;

/** A source's tool on the source face's API: one multipart request, the answer as text. */
final class SourceApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SourceApi() {}

    static HttpResponse<String> submit(int sourcePort, Multipart body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sourcePort + "/api/v1/submissions"))
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
