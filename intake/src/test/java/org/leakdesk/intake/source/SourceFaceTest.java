package org.leakdesk.intake.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StrictHeaders;
import org.leakdesk.infra.testing.MissingMessages;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.SharedFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The source face over real HTTP on loopback. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SourceFaceTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theFormWorksWithoutJavaScriptAndGivesACodenameAndNoCookie() throws Exception {
        HttpResponse<String> form = get("/");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("enctype=\"multipart/form-data\"").contains("action=\"/submit\"");
        // One script, served from here, only for comfort; no inline script (the policy forbids it).
        assertThat(form.body().split("<script", -1)).hasSize(2);
        assertThat(form.body()).contains("<script src=\"/intake/submit.js\"></script>");
        assertThat(form.headers().firstValue("Content-Security-Policy"))
                .hasValue(StrictHeaders.SOURCE_CONTENT_SECURITY_POLICY);
        assertThat(StrictHeaders.SOURCE_CONTENT_SECURITY_POLICY)
                .contains("script-src 'self';")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(form.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(form.headers().allValues("Set-Cookie")).isEmpty();
        // Limits as a reader writes numbers, with the thousands grouped.
        assertThat(form.body()).containsPattern("Up to\\s*<span>100,000</span>\\s*characters");

        Multipart body = new Multipart()
                .file(
                        "files",
                        "report.txt",
                        "text/plain",
                        Files.readAllBytes(SharedFiles.sample(SharedFiles.PORAVALIT)))
                .field("message", "Two articles about the document.");
        // What a browser sends with a form from this page: Origin is "null" under no-referrer.
        HttpResponse<String> receipt = http.send(
                HttpRequest.newBuilder(uri(Face.SOURCE, "/submit"))
                        .header("Content-Type", body.contentType())
                        .header("Sec-Fetch-Site", "same-origin")
                        .header("Origin", "null")
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("Your documents have arrived").contains("1 file");
        assertThat(receipt.body()).containsPattern("id=\"codename\">([a-z-]+ ){6}[a-z-]+<");
        assertThat(receipt.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(receipt.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theFormIsRefusedWhenAnotherSiteSendsIt() throws Exception {
        Multipart body = new Multipart().file("files", "a.txt", "text/plain", "hello".getBytes());
        long before = count();

        HttpResponse<String> crossSite = post("/submit", body, "Sec-Fetch-Site", "cross-site");
        HttpResponse<String> sameSiteOtherOrigin = post("/submit", body, "Sec-Fetch-Site", "same-site");
        HttpResponse<String> otherOrigin = post("/submit", body, "Origin", "http://attacker.example");

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("only be sent from this site's own pages");
        assertThat(sameSiteOtherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theApiAnswers201WithTheReceipt() throws Exception {
        Multipart body = new Multipart()
                .file("files", "one.txt", "text/plain", "first document".getBytes())
                .file("files", "two.txt", "text/plain", "second document".getBytes());

        HttpResponse<String> response = post(Face.SOURCE, "/api/v1/submissions", body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body())
                .containsPattern("\"receipt\":\"([a-z-]+ ){6}[a-z-]+\"")
                .contains("\"files\":2");
    }

    @Test
    void theApiAnswers400WithoutFiles() throws Exception {
        long before = count();

        HttpResponse<String> noFiles = post(Face.SOURCE, "/api/v1/submissions", new Multipart().field("message", "hi"));
        HttpResponse<String> notMultipart = http.send(
                HttpRequest.newBuilder(uri(Face.SOURCE, "/api/v1/submissions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(noFiles.statusCode()).isEqualTo(400);
        assertThat(noFiles.body())
                .contains("\"error\":\"Choose at least one file to send.\"")
                .contains("NO_FILES");
        assertThat(notMultipart.statusCode()).isEqualTo(400);
        assertThat(notMultipart.body()).contains("multipart/form-data");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void sourcePathsAreNotFoundOnTheStaffPort() throws Exception {
        assertThat(http.send(HttpRequest.newBuilder(uri(Face.STAFF, "/")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        assertThat(post(
                                Face.STAFF,
                                "/api/v1/submissions",
                                new Multipart().file("files", "a.txt", "text/plain", "x".getBytes()))
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send(
                                HttpRequest.newBuilder(uri(Face.STAFF, "/intake/source.css"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/intake/source.css").statusCode()).isEqualTo(200);
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM submission").query(Long.class).single();
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> page =
                http.send(HttpRequest.newBuilder(uri(Face.SOURCE, path)).build(), HttpResponse.BodyHandlers.ofString());
        MissingMessages.assertNone(path, page.body());
        return page;
    }

    private HttpResponse<String> post(String path, Multipart body, String header, String value) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(Face.SOURCE, path))
                        .header("Content-Type", body.contentType())
                        .header(header, value)
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Face face, String path, Multipart body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(face, path))
                        .header("Content-Type", body.contentType())
                        .POST(body.publisher())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(Face face, String path) {
        return URI.create("http://127.0.0.1:" + ports.portOf(face) + path);
    }
}
