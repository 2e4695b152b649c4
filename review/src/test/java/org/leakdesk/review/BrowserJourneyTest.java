package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.intake.SourceCorrespondence;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What people click, in Debian's headless Chromium: a source sends a document with JavaScript
 * switched off (Tor Browser's "Safest" mode) and gets a codename; a reviewer signs in for the
 * first time (password, then sets up an authenticator from the QR code's key), finds the case,
 * claims it, reads it and sends it to an editor. A source comes back with the codename, reads the
 * newsroom's reply, sends more, deletes the reply and signs out, all without JavaScript.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserJourneyTest {

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    SourceCorrespondence correspondence;

    @Autowired
    JdbcClient jdbc;

    WebDriver browser;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start(false);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aSourceSendsADocumentAndAReviewerSendsItToAnEditor() throws Exception {
        TestStaff reviewer = TestStaff.create(accounts, "rev", StaffRole.REVIEWER);
        String staff = "http://127.0.0.1:" + ports.portOf(Face.STAFF);
        signIn(staff, reviewer);
        Set<String> casesBefore = caseIds();

        browser.get("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/");
        assertThat(browser.getTitle()).isEqualTo("Send documents securely");
        browser.findElement(By.id("files"))
                .sendKeys(SharedFiles.sample(SharedFiles.PORAVALIT)
                        .toAbsolutePath()
                        .toString());
        browser.findElement(By.id("message")).sendKeys("This is the report the articles talk about.");
        screenshot("1-source-form");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("codename"));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your documents have arrived");
        assertThat(browser.findElement(By.id("codename")).getText().split(" ")).hasSize(7);
        screenshot("2-source-receipt");

        String caseId = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> {
                            browser.get(staff + "/inbox");
                            return caseIds().stream()
                                    .filter(id -> !casesBefore.contains(id))
                                    .findFirst()
                                    .orElse(null);
                        },
                        id -> id != null);
        screenshot("3-staff-inbox");
        browser.findElement(By.cssSelector("tr[data-case='" + caseId + "'] form button"))
                .click();
        waitFor(By.cssSelector(".file-name"));

        assertThat(browser.findElement(By.cssSelector(".file-name")).getText()).isEqualTo(SharedFiles.PORAVALIT);
        assertThat(browser.findElement(By.cssSelector(".language")).getText()).isEqualTo("en");
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Awaiting triage");
        screenshot("4-staff-case");
        browser.findElement(By.cssSelector("input[name=outcome][value=SEND_TO_EDITOR]"))
                .click();
        browser.findElement(By.cssSelector("form[action$='/triage'] button[type=submit]"))
                .click();
        waitFor(By.cssSelector(".notice"));

        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Triage recorded.");
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo("Awaiting editorial decision");
        screenshot("5-staff-triaged");
    }

    @Test
    void aSourceComesBackReadsTheReplyDeletesItAndSendsMore() throws Exception {
        String source = "http://127.0.0.1:" + ports.portOf(Face.SOURCE);
        List<UUID> before =
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
        browser.get(source + "/");
        browser.findElement(By.id("files"))
                .sendKeys(SharedFiles.sample(SharedFiles.PORAVALIT)
                        .toAbsolutePath()
                        .toString());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("codename"));
        String codename = browser.findElement(By.id("codename")).getText();
        assertThat(browser.manage().getCookieNamed("leakdesk-source")).isNull();
        UUID caseId = jdbc.sql("SELECT id FROM submission").query(UUID.class).list().stream()
                .filter(id -> !before.contains(id))
                .findFirst()
                .orElseThrow();
        correspondence.reply(caseId, "rita", "Thank you. Can you send the annex? <b>not bold</b>");

        browser.get(source + "/sign-in");
        browser.findElement(By.id("codename")).sendKeys(codename.toUpperCase());
        screenshot("5-source-sign-in");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("replies"));
        assertThat(browser.findElement(By.cssSelector(".reply-text")).getText())
                .isEqualTo("Thank you. Can you send the annex? <b>not bold</b>");
        assertThat(browser.manage().getCookieNamed("leakdesk-source")).satisfies(cookie -> {
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getPath()).isEqualTo("/source");
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
        });
        screenshot("6-source-replies");

        browser.findElement(By.id("message")).sendKeys("Here is the annex.");
        browser.findElement(By.id("files"))
                .sendKeys(SharedFiles.sample(SharedFiles.SPECIALEURASIA)
                        .toAbsolutePath()
                        .toString());
        browser.findElement(By.cssSelector("#send-more button[type=submit]")).click();
        waitFor(By.id("sent"));
        assertThat(browser.findElement(By.id("sent")).getText()).contains("1 file was encrypted as it arrived.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM submission_file WHERE submission_id = ?")
                        .param(caseId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        browser.findElement(By.cssSelector(".reply form button")).click();
        waitFor(By.id("deleted"));
        assertThat(browser.findElements(By.cssSelector(".reply"))).isEmpty();
        browser.findElement(By.cssSelector(".advice form button")).click();
        waitFor(By.id("signed-out"));
        assertThat(browser.manage().getCookieNamed("leakdesk-source")).isNull();
    }

    private void signIn(String staff, TestStaff member) throws Exception {
        BrowserSteps.signInFirstTime(browser, staff, member, "0-staff-enrol");
    }

    private void waitFor(By element) {
        BrowserSteps.waitFor(browser, element);
    }

    private Set<String> caseIds() {
        return browser.findElements(By.cssSelector("tr[data-case]")).stream()
                .map(r -> r.getAttribute("data-case"))
                .collect(Collectors.toSet());
    }

    private void screenshot(String name) throws Exception {
        BrowserSteps.screenshot(browser, name);
    }
}
