package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.testing.Multipart;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A source with JavaScript on, in Debian's headless Chromium: the page solves the proof of work,
 * uploads with a progress bar (the upload is throttled so the bar can be seen moving) and shows
 * the receipt. The rate leaves room for one submission without a proof, used up first, so the
 * browser's upload only gets through with a valid proof.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"leakdesk.source.rate.submissions-per-minute=2", "leakdesk.source.pow.difficulty=12"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceUploadBrowserTest {

    @Autowired
    FacePorts ports;

    @Autowired
    JdbcClient jdbc;

    ChromeDriver browser;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start(true);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSourceWithJavaScriptSeesTheUploadProgressAndGetsACodename() throws Exception {
        useUpTheRateForSubmissionsWithoutProof();
        Path document = Files.createTempFile(Path.of("target"), "upload", ".bin");
        byte[] bytes = new byte[6 << 20];
        new Random(7).nextBytes(bytes);
        Files.write(document, bytes);
        long rowsBefore = rows();
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(1 << 20); // 1 MiB/s: about six seconds of progress to watch
        slow.setDownloadThroughput(64 << 20);
        slow.setLatency(Duration.ZERO);
        browser.setNetworkConditions(slow);

        browser.get("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/");
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isFalse();
        browser.findElement(By.id("message")).sendKeys("Sent with JavaScript on.");
        browser.findElement(By.id("files")).sendKeys(document.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        WebElement box = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-progress")));
        WebElement bar = box.findElement(By.tagName("progress"));
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(b -> bar.getDomAttribute("value") != null
                        && Double.parseDouble(bar.getDomProperty("value")) > 0
                        && Double.parseDouble(bar.getDomProperty("value"))
                                < Double.parseDouble(bar.getDomProperty("max")));
        assertThat(box.findElement(By.tagName("p")).getText()).matches("Sent [\\d.]+ MB of [\\d.]+ MB \\(\\d+%\\).*");
        BrowserSteps.screenshot(browser, "source-upload-progress");

        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("codename")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your documents have arrived");
        assertThat(browser.findElement(By.id("codename")).getText().split(" ")).hasSize(7);
        assertThat(browser.getTitle()).isEqualTo("Received");
        assertThat(rows()).isEqualTo(rowsBefore + 1);
        BrowserSteps.screenshot(browser, "source-upload-receipt");
        Files.delete(document);
    }

    /** Two a minute, one of them without a proof: take that one over the API. */
    private void useUpTheRateForSubmissionsWithoutProof() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI api = URI.create("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/api/v1/submissions");
        int[] statuses = new int[2];
        for (int i = 0; i < 2; i++) {
            Multipart body = new Multipart().file("files", "a.txt", "text/plain", "no proof".getBytes());
            statuses[i] = http.send(
                            HttpRequest.newBuilder(api)
                                    .header("Content-Type", body.contentType())
                                    .POST(body.publisher())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
        assertThat(statuses).containsExactly(201, 429);
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM submission").query(Long.class).single();
    }
}
