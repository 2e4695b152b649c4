package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.leakdesk.infra.testing.MissingMessages;

/**
 * One staff member's browser, over real HTTP: keeps the session cookie and the CSRF token that
 * every staff page carries, follows no redirects on its own (tests look at them). Signs in with
 * password and authenticator code, enrolling an authenticator on an account's first sign-in
 * ({@link TestAuthenticator} plays the app).
 */
final class StaffClient {

    private final CookieManager cookies;
    private final HttpClient http;
    private final int port;
    private String csrf;
    private String username;
    private String password;

    private StaffClient(int port) {
        this(port, new CookieManager());
    }

    private StaffClient(int port, CookieManager cookies) {
        this.port = port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The same browser (its cookies, the last CSRF token it saw) talking to another staff process
     * on {@code otherStaffPort}, as behind a load balancer: cookies do not name a port.
     */
    StaffClient on(int otherStaffPort) {
        StaffClient moved = new StaffClient(otherStaffPort, cookies);
        moved.csrf = csrf;
        moved.username = username;
        moved.password = password;
        return moved;
    }

    static StaffClient anonymous(int staffPort) {
        return new StaffClient(staffPort);
    }

    /**
     * Signs in with password and authenticator code (enrolling one first if the account has
     * none) and lands on the member's start page.
     */
    static StaffClient signIn(int staffPort, String username, String password) throws Exception {
        StaffClient client = new StaffClient(staffPort);
        HttpResponse<String> response = client.attemptSignIn(username, password);
        assertThat(response.statusCode()).as("password of %s", username).isEqualTo(302);
        String next = location(response);
        if (next.equals("/login/enrol")) {
            client.enrol(username);
        } else {
            assertThat(next).as("password of %s", username).isEqualTo("/login/code");
            HttpResponse<String> signedIn = client.enterCode(TestAuthenticator.nextCode(staffPort, username));
            assertThat(signedIn.statusCode()).as("code of %s", username).isEqualTo(302);
            assertThat(location(signedIn)).as("code of %s", username).isEqualTo("/");
        }
        client.page(client.follow("/"));
        client.username = username;
        client.password = password;
        return client;
    }

    /** Enrols an authenticator (after the password): reads the key off the page as a person would. */
    Document enrol(String username) throws Exception {
        Document offer = page("/login/enrol");
        String secret = offer.selectFirst("#secret").text();
        HttpResponse<String> response = post("/login/enrol", Map.of("code", TestAuthenticator.currentCode(secret)));
        assertThat(response.statusCode()).as("enrolment of %s", username).isEqualTo(200);
        Document codes = Jsoup.parse(response.body());
        List<String> recoveryCodes = codes.select("#recovery-codes code").eachText();
        assertThat(recoveryCodes).as("recovery codes of %s", username).hasSize(10);
        TestAuthenticator.enrolled(port, username, secret, recoveryCodes);
        TestAuthenticator.nextCode(port, username); // the step just used
        return codes;
    }

    /** Sends an authenticator code on the second step of sign-in. */
    HttpResponse<String> enterCode(String code) throws Exception {
        page("/login/code");
        return post("/login/code", Map.of("code", code));
    }

    /** The session cookie's value, or null. */
    String sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("LEAKDESK_STAFF"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    HttpResponse<String> attemptSignIn(String username, String password) throws Exception {
        Document login = Jsoup.parse(get("/login").body());
        csrf = login.selectFirst("input[name=_csrf]").val();
        return post("/login", Map.of("username", username, "password", password));
    }

    HttpResponse<String> get(String path) throws Exception {
        return checked(
                path, http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Every page the staff face renders for a test has all its words: no missing message shows. */
    private static HttpResponse<String> checked(String path, HttpResponse<String> response) {
        MissingMessages.assertNone(path, response.body());
        return response;
    }

    /**
     * GET of a download; when the download first asks for the fresh check (password and a new
     * authenticator code), passes it as the member would and asks again.
     */
    HttpResponse<byte[]> download(String path) throws Exception {
        HttpResponse<byte[]> response = rawDownload(path);
        if (response.statusCode() == 302 && location(response).startsWith("/confirm?")) {
            HttpResponse<String> confirmed = confirm(location(response));
            assertThat(confirmed.statusCode()).as("fresh check of %s", username).isEqualTo(302);
            response = rawDownload(path);
        }
        return response;
    }

    /** GET of a download, without passing a fresh check it asks for. */
    HttpResponse<byte[]> rawDownload(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Passes the fresh check at {@code confirmPath} (a {@code /confirm?next=...} link) with the password and a new code. */
    HttpResponse<String> confirm(String confirmPath) throws Exception {
        Document form = page(confirmPath);
        return post(
                "/confirm",
                Map.of(
                        "password", password,
                        "code", TestAuthenticator.nextCode(port, username),
                        "next", form.selectFirst("input[name=next]").val()));
    }

    /** The cases the inbox lists now, by id. */
    Set<String> inboxCases() throws Exception {
        return Set.copyOf(page("/inbox").select("tr[data-case]").eachAttr("data-case"));
    }

    /** Waits for the inbox to list a case that is not among {@code before}, and returns its row. */
    Element awaitNewCase(Set<String> before, Duration timeout) {
        return Awaitility.await()
                .atMost(timeout)
                .until(
                        () -> page("/inbox").select("tr[data-case]").stream()
                                .filter(row -> !before.contains(row.attr("data-case")))
                                .findFirst()
                                .orElse(null),
                        row -> row != null);
    }

    /** GET that must answer 200; returns the parsed page and remembers its CSRF token. */
    Document page(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        Document document = Jsoup.parse(response.body());
        Element token = document.selectFirst("input[name=_csrf]");
        if (token != null) {
            csrf = token.val();
        }
        return document;
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        if (csrf != null) {
            body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + encode(csrf);
        }
        return checked(
                path,
                http.send(
                        HttpRequest.newBuilder(uri(path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
    }

    /** POST of a form whose fields may repeat: names and values in turn. */
    HttpResponse<String> postAll(String path, List<String> namesAndValues) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
            body.append(encode(namesAndValues.get(i)))
                    .append('=')
                    .append(encode(namesAndValues.get(i + 1)))
                    .append('&');
        }
        body.append("_csrf=").append(encode(csrf == null ? "" : csrf));
        return checked(
                path,
                http.send(
                        HttpRequest.newBuilder(uri(path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
    }

    /** Follows redirects from {@code path} and returns where they end. */
    String follow(String path) throws Exception {
        String current = path;
        for (int hops = 0; hops < 5; hops++) {
            HttpResponse<String> response = get(current);
            if (response.statusCode() != 302) {
                return current;
            }
            current = URI.create(response.headers().firstValue("Location").orElseThrow())
                    .getPath();
        }
        throw new AssertionError("Too many redirects from " + path);
    }

    /** Path and query of a redirect's target. */
    static String location(HttpResponse<?> response) {
        URI target = URI.create(response.headers().firstValue("Location").orElseThrow());
        return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
