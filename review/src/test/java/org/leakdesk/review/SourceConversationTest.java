package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.Multipart;
import org.leakdesk.infra.testing.PlaintextScanner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Both faces over real HTTP against PostgreSQL: a reviewer replies from the case page, the source
 * signs in with the codename on the source port and reads it, sends a follow-up message and file,
 * and the reviewer sees them on the case page. Markup written on either side is shown as text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SourceConversationTest {

    private static final Pattern RECEIPT = Pattern.compile("\"receipt\":\"([^\"]+)\"");
    private static final Pattern SEND_TOKEN = Pattern.compile("action=\"/source/send\\?_csrf=([^\"]+)\"");
    private static final String REPLY = "Thank you. Who else has it? <script>alert('reply')</script>";
    private static final String FOLLOW_UP = "<img src=x onerror=alert(2)> Here is page two.";
    private static final String PAGE_TWO = "Page two of the plan: the second phase starts in March.";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    DataSource dataSource;

    @Value("${leakdesk.blobs.directory}")
    Path blobs;

    @Test
    void aReviewerAndASourceTalkThroughTheCase() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "conv", StaffRole.REVIEWER);
        StaffClient reviewing = reviewer.signIn(ports.portOf(Face.STAFF));
        Set<String> before = reviewing.inboxCases();
        HttpResponse<String> upload = SourceApi.submit(
                ports.portOf(Face.SOURCE),
                new Multipart()
                        .field("message", "The plan, page one.")
                        .file("files", "page-one.txt", "text/plain", "Page one of the plan.".getBytes()));
        Matcher receipt = RECEIPT.matcher(upload.body());
        assertThat(receipt.find()).isTrue();
        String codename = receipt.group(1);

        Element row = reviewing.awaitNewCase(before, Duration.ofSeconds(60));
        UUID caseId = UUID.fromString(row.attr("data-case"));
        reviewing.post(row.selectFirst("form").attr("action"), Map.of());
        assertThat(reviewing.page("/cases/" + caseId).select("#reply-form")).hasSize(1);

        HttpResponse<String> replied = reviewing.post("/cases/" + caseId + "/replies", Map.of("text", REPLY));
        assertThat(StaffClient.location(replied)).isEqualTo("/cases/" + caseId + "?done=reply");
        String staffHtml = reviewing.get("/cases/" + caseId).body();
        assertThat(staffHtml).doesNotContain("<script>alert('reply')");
        assertThat(Jsoup.parse(staffHtml)
                        .selectFirst("#conversation .reply-text")
                        .text())
                .isEqualTo(REPLY);
        assertThat(Jsoup.parse(staffHtml)
                        .selectFirst("#conversation .reply-state")
                        .text())
                .isEqualTo("Not read yet.");

        // The source comes back on the source port.
        HttpResponse<String> signedIn = SourceApi.post(
                ports.portOf(Face.SOURCE),
                "/sign-in",
                null,
                "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString("codename=" + URLEncoder.encode(codename, StandardCharsets.UTF_8)));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String cookie =
                signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String sourceHtml =
                SourceApi.page(ports.portOf(Face.SOURCE), "/source/", cookie).body();
        assertThat(sourceHtml).doesNotContain("<script>alert('reply')");
        assertThat(Jsoup.parse(sourceHtml).selectFirst(".reply-text").text()).isEqualTo(REPLY);
        Matcher token = SEND_TOKEN.matcher(sourceHtml);
        assertThat(token.find()).isTrue();
        Multipart followUp = new Multipart()
                .field("message", FOLLOW_UP)
                .file("files", "page-two.txt", "text/plain", PAGE_TWO.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> sent = SourceApi.post(
                ports.portOf(Face.SOURCE),
                "/source/send?_csrf=" + token.group(1),
                cookie,
                followUp.contentType(),
                followUp.publisher());
        assertThat(sent.statusCode()).isEqualTo(302);

        // The reviewer sees the follow-up, its document among the case's, and that the reply was read.
        String afterHtml = reviewing.get("/cases/" + caseId).body();
        Document after = Jsoup.parse(afterHtml);
        assertThat(afterHtml).doesNotContain("<img src=x");
        assertThat(after.selectFirst(".follow-up-message").text()).isEqualTo(FOLLOW_UP);
        assertThat(after.selectFirst(".follow-up-documents").text()).isEqualTo("With documents 2 below.");
        assertThat(after.select(".file-name").eachText()).containsExactly("page-one.txt", "page-two.txt");
        assertThat(after.selectFirst("#conversation .reply-state").text()).startsWith("Read by the source ");

        PlaintextScanner scanner = new PlaintextScanner(List.of(
                REPLY.getBytes(StandardCharsets.UTF_8),
                FOLLOW_UP.getBytes(StandardCharsets.UTF_8),
                PAGE_TWO.getBytes(StandardCharsets.UTF_8)));
        assertThat(scanner.findInDatabase(dataSource)).isEmpty();
        assertThat(scanner.findInFiles(blobs)).isEmpty();
    }
}
