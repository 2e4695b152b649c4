package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.infra.testing.SharedFiles;
import org.leakdesk.workflow.CaseStage;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo story as people click it, in Debian's headless Chromium with JavaScript on: a source
 * sends both articles with a message (the page solves its proof of work and shows the upload); a
 * reviewer triages the case and asks two outside agencies to verify it; each agency answers
 * through its link in a browser that has never signed in; a second reviewer assesses the round; an
 * editor who did neither publishes and sees the provenance report and the package's link; an auditor verifies the access log and
 * finds the case's entries in it. Every step is what the pages offer (no request the page does not
 * make), so a form a browser cannot send (a required field it hides, a date it will not take) fails here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleStoryBrowserTest {

    private static final String[] AGENCIES = {"Agency for document forensics", "Eastern desk of a partner newsroom"};

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    WebDriver browser;
    String staff;
    /** The day the requests run out: shown everywhere as that day's end, not as the next day. */
    final LocalDate deadline = LocalDate.now(ZoneOffset.UTC).plusDays(14);

    @BeforeAll
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start(true);
        staff = "http://127.0.0.1:" + ports.portOf(Face.STAFF);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theSampleStoryFromUploadToPublicationAndTheAccessLog() throws Exception {
        TestStaff triager = TestStaff.create(accounts, "triager", StaffRole.REVIEWER);
        TestStaff assessor = TestStaff.create(accounts, "assessor", StaffRole.REVIEWER);
        TestStaff editor = TestStaff.create(accounts, "editor", StaffRole.EDITOR);
        TestStaff auditor = TestStaff.create(accounts, "auditor", StaffRole.AUDITOR);
        UUID caseId = sendBothArticles();

        signInAs(triager);
        claim(caseId, "TRIAGE");
        assertThat(browser.findElements(By.cssSelector(".file-name")))
                .extracting(WebElement::getText)
                .containsExactlyInAnyOrder(SharedFiles.PORAVALIT, SharedFiles.SPECIALEURASIA);
        step("story-2-triage");
        browser.findElement(By.cssSelector("input[name=outcome][value=REQUEST_VERIFICATION]"))
                .click();
        browser.findElement(By.cssSelector("#task-triage button[type=submit]")).click();
        BrowserSteps.waitFor(browser, By.id("verification-task"));
        for (String agency : AGENCIES) {
            addRequest(agency);
        }
        assertThat(browser.findElements(By.cssSelector("article.request .deadline")))
                .extracting(WebElement::getText)
                .containsOnly(deadline + " 23:59 UTC");
        step("story-3-requests-drafted");
        assertThat(browser.findElement(By.id("send-requests")).getText()).contains(String.valueOf(AGENCIES.length));
        browser.findElement(By.id("send-requests")).click();
        BrowserSteps.waitFor(browser, By.cssSelector(".verifier-link"));
        List<String> links = browser.findElements(By.cssSelector(".verifier-link")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(links).hasSize(AGENCIES.length).doesNotHaveDuplicates();
        step("story-4-links");
        signOut();

        for (String link : links) {
            answerAsAgency(link);
        }

        signInAs(assessor);
        claim(caseId, "ASSESSMENT");
        assertThat(browser.findElement(By.cssSelector(".assessment-tally")).getText())
                .isEqualTo("2 of 2 confirmed, 0 disputed, 0 no answer");
        browser.findElement(By.cssSelector("input[name=recommendation][value=PUBLISH]"))
                .click();
        browser.findElement(By.id("assessment-summary"))
                .sendKeys("Both agencies confirm the report; its hidden details agree with the articles.");
        step("story-6-assessment");
        browser.findElement(By.cssSelector("#task-assessment button[type=submit]"))
                .click();
        BrowserSteps.waitFor(browser, By.id("assessments"));
        signOut();

        signInAs(editor);
        claim(caseId, "EDITORIAL_DECISION");
        step("story-7-decision");
        browser.findElement(By.cssSelector("input[name=outcome][value=PUBLISH]"))
                .click();
        browser.findElement(By.cssSelector("#task-decision button[type=submit]"))
                .click();
        WebElement report = await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> {
                            browser.get(staff + "/cases/" + caseId);
                            return browser.findElement(By.id("provenance-report"));
                        },
                        found -> found != null);
        assertThat(browser.findElement(By.id("stage")).getText()).isEqualTo(CaseStage.PUBLISHED.label());
        assertThat(report.getText())
                .contains("2 of 2 confirmed, 0 disputed, 0 no answer")
                .contains("Editorial decision by " + editor.username() + ": Publish")
                .contains(AGENCIES[1]);
        assertThat(browser.findElement(By.id("publication-package")).getAttribute("href"))
                .endsWith("/cases/" + caseId + "/publication-package");
        step("story-8-published");
        signOut();

        signInAs(auditor);
        browser.get(staff + "/audit");
        browser.findElement(By.cssSelector("form[action$='/audit/verify'] button"))
                .click();
        assertThat(BrowserSteps.waitFor(browser, By.cssSelector(".notice.ok")).getText())
                .startsWith("The chain is intact");
        browser.findElement(By.cssSelector(".filters input[name=case]")).sendKeys(caseId.toString());
        browser.findElement(By.cssSelector(".filters button[type=submit]")).click();
        BrowserSteps.waitFor(browser, By.cssSelector("input[name=case][value='" + caseId + "']"));
        String log = browser.findElement(By.tagName("main")).getText();
        assertThat(log).contains(triager.username(), assessor.username(), editor.username());
        step("story-9-access-log");
    }

    /** The source's part: both articles and a message, with JavaScript on (proof of work, progress). */
    private UUID sendBothArticles() throws Exception {
        List<UUID> before =
                jdbc.sql("SELECT id FROM submission").query(UUID.class).list();
        browser.get("http://127.0.0.1:" + ports.portOf(Face.SOURCE) + "/");
        browser.findElement(By.id("message"))
                .sendKeys("The FSB planning report the two articles quote, and the analysis of it.");
        browser.findElement(By.id("files"))
                .sendKeys(SharedFiles.sample(SharedFiles.PORAVALIT).toAbsolutePath() + "\n"
                        + SharedFiles.sample(SharedFiles.SPECIALEURASIA).toAbsolutePath());
        step("story-0-source");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement codename = BrowserSteps.waitFor(browser, By.id("codename"), Duration.ofSeconds(120));
        assertThat(codename.getText().split(" ")).hasSize(7);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("We received 2 files.");
        step("story-1-receipt");
        return jdbc.sql("SELECT id FROM submission").query(UUID.class).list().stream()
                .filter(id -> !before.contains(id))
                .findFirst()
                .orElseThrow();
    }

    private void addRequest(String agency) throws Exception {
        browser.findElement(By.id("request-organisation")).sendKeys(agency);
        browser.findElement(By.id("request-contact")).sendKeys("The duty officer");
        browser.findElement(By.id("request-question"))
                .sendKeys("Is this planning document authentic, and does its reference number match your records?");
        browser.findElement(By.cssSelector("#add-request input[name=sharing][value=EXCERPT]"))
                .click();
        browser.findElement(By.id("request-excerpt")).sendKeys("Page 1: the heading and the first paragraph.");
        // A person types the date as the browser's locale shows it (Chromium here: month/day/year).
        browser.findElement(By.id("request-deadline"))
                .sendKeys(deadline.format(DateTimeFormatter.ofPattern("MMddyyyy")));
        int before = browser.findElements(By.cssSelector("article.request")).size();
        browser.findElement(By.cssSelector("#add-request button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() ->
                        browser.findElements(By.cssSelector("article.request")).size() == before + 1);
        assertThat(browser.findElements(By.id("entry-problem"))).isEmpty();
    }

    /** An agency opens its link in a browser with no staff session, answers, and the link is spent. */
    private void answerAsAgency(String link) throws Exception {
        browser.manage().deleteAllCookies();
        browser.get(link);
        assertThat(browser.findElement(By.id("question")).getText()).contains("Is this planning document authentic");
        assertThat(browser.findElement(By.id("excerpt")).getText())
                .isEqualTo("Page 1: the heading and the first paragraph.");
        assertThat(browser.findElement(By.id("deadline")).getText()).isEqualTo(deadline + " 23:59 UTC");
        browser.findElement(By.cssSelector("input[name=verdict][value=CONFIRMED]"))
                .click();
        browser.findElement(By.id("comment")).sendKeys("The reference number matches our register.");
        step("story-5-verifier");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        BrowserSteps.waitFor(browser, By.id("thanks"));
        assertThat(browser.manage().getCookies()).as("no session for an agency").isEmpty();
        browser.get(link);
        assertThat(browser.findElements(By.cssSelector("input[name=verdict]")))
                .as("a link works once")
                .isEmpty();
    }

    private void signInAs(TestStaff member) throws Exception {
        browser.manage().deleteAllCookies();
        BrowserSteps.signInFirstTime(
                browser,
                staff,
                member,
                "story-enrol-" + member.roles().iterator().next());
    }

    private void signOut() {
        browser.findElement(By.cssSelector("form.signout button")).click();
        BrowserSteps.waitFor(browser, By.id("username"));
    }

    /** Waits for the case's task of {@code kind} in the inbox, claims it there, and lands on the case page. */
    private void claim(UUID caseId, String kind) {
        By row = By.cssSelector("tr[data-case='" + caseId + "'][data-kind=" + kind + "] form button");
        await().atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(
                        () -> {
                            browser.get(staff + "/inbox");
                            return browser.findElement(row);
                        },
                        found -> found != null);
        browser.findElement(row).click();
        BrowserSteps.waitFor(browser, By.id("stage"));
    }

    private void step(String name) throws Exception {
        BrowserSteps.screenshot(browser, name);
    }
}
