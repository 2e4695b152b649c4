package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakdesk.infra.Face;
import org.leakdesk.infra.FacePorts;
import org.leakdesk.infra.StaffAccounts;
import org.leakdesk.infra.StaffMember;
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.leakdesk.workflow.CaseInbox;
import org.leakdesk.workflow.CaseWork;
import org.leakdesk.workflow.InboxTask;
import org.leakdesk.workflow.Sharing;
import org.leakdesk.workflow.TriageDecision;
import org.leakdesk.workflow.VerificationRequestDraft;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The case page's process diagram in Debian's headless Chromium under the page's own policy
 * (scripts from LeakDesk only, no inline style, no eval): bpmn-js draws the deployed diagram and
 * marks the step the case stands at, the console shows no refusal, axe-core finds no serious or
 * critical violation on it nor on the inbox's "Waiting for verification" tab; with JavaScript off
 * the page names the step in text. Screenshots in {@code target/screenshots/diagram-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessDiagramBrowserTest {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    /** The marker's outline in process-diagram.css (#8a3c00). */
    private static final String MARKED = "rgb(138, 60, 0)";

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    SubmissionIntake intake;

    @Autowired
    CaseInbox inbox;

    @Autowired
    CaseWork work;

    ChromeDriver browser;
    String axe;

    @BeforeAll
    void startBrowser() throws Exception {
        try (InputStream in = ProcessDiagramBrowserTest.class.getResourceAsStream(AXE)) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser = HeadlessChromium.start(true);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDiagramIsDrawnWithTheCurrentStepMarkedUnderTheStrictPolicy() throws Exception {
        UUID caseId;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("plan.txt", "text/plain", new ByteArrayInputStream("the plan".getBytes()));
            caseId = draft.commit().submissionId();
        }
        TestStaff reviewer = TestStaff.create(accounts, "diagram", StaffRole.REVIEWER);
        StaffMember member = new StaffMember(reviewer.username(), reviewer.roles());
        InboxTask triage = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> inbox.inbox(member).stream()
                                .filter(task -> task.caseId().equals(caseId))
                                .findFirst()
                                .orElse(null),
                        task -> task != null);
        signIn(reviewer);

        browser.get(staff("/cases/" + caseId));
        assertMarked("triage");
        assertThat(browser.findElement(By.id("current-steps")).getText()).isEqualTo("Current step: Triage");
        assertThat(browser.findElements(By.cssSelector("#process-diagram g.djs-element.current-step")))
                .as("only the current step is marked")
                .hasSize(1);
        assertNoConsoleRefusal();
        check("case-triage");

        work.claim(triage.taskId(), member);
        work.completeTriage(triage.taskId(), member, new TriageDecision.RequestVerification());
        InboxTask prepare = inbox.status(caseId, member).taskClaimedBy(member.username());
        for (String agency : List.of("Border agency", "Ministry")) {
            work.addVerificationRequest(
                    prepare.taskId(),
                    member,
                    new VerificationRequestDraft(
                            agency,
                            "Press office",
                            "Genuine?",
                            Sharing.NOTHING,
                            null,
                            Instant.now().plus(Duration.ofDays(3))));
        }
        work.sendVerificationRequests(prepare.taskId(), member);

        browser.get(staff("/cases/" + caseId));
        assertMarked("awaitAnswer");
        assertThat(browser.findElement(By.id("current-steps")).getText())
                .isEqualTo("Current step: Wait for the answer (2 at once)");
        assertNoConsoleRefusal();
        check("case-waiting");

        browser.get(staff("/inbox?tab=WAITING"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-waiting-case='" + caseId + "']"));
        assertThat(row.findElement(By.cssSelector(".requests")).getText()).isEqualTo("2");
        assertThat(row.findElement(By.cssSelector(".outstanding")).getText()).isEqualTo("2");
        check("inbox-waiting");
        row.findElement(By.cssSelector("a.case-ref")).click();
        assertMarked("awaitAnswer");

        WebDriver withoutScripts = HeadlessChromium.start(false);
        try {
            withoutScripts.get(staff("/login"));
            for (Cookie cookie : browser.manage().getCookies()) {
                withoutScripts.manage().addCookie(cookie);
            }
            withoutScripts.get(staff("/cases/" + caseId));
            assertThat(withoutScripts.findElement(By.id("current-steps")).getText())
                    .isEqualTo("Current step: Wait for the answer (2 at once)");
            assertThat(withoutScripts.findElements(By.cssSelector("#process-diagram svg")))
                    .isEmpty();
            assertThat(withoutScripts
                            .findElement(By.cssSelector(".process-diagram-note"))
                            .isDisplayed())
                    .isTrue();
            BrowserSteps.screenshot(withoutScripts, "diagram-case-without-javascript");
        } finally {
            withoutScripts.quit();
        }
    }

    /** Waits for bpmn-js to draw, then checks the step carries the marker and shows it. */
    private void assertMarked(String activityId) {
        By marked =
                By.cssSelector("#process-diagram svg g.djs-element.current-step[data-element-id='" + activityId + "']");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(marked));
        assertThat(browser.findElement(By.id("process-diagram")).getAttribute("class"))
                .contains("drawn");
        assertThat(browser.findElements(By.cssSelector("#process-diagram g.djs-element[data-element-id]")))
                .as("the whole diagram, not only the step")
                .hasSizeGreaterThan(30);
        Object stroke = ((JavascriptExecutor) browser)
                .executeScript(
                        "return getComputedStyle(arguments[0].querySelector('.djs-visual > :first-child')).stroke",
                        browser.findElement(marked));
        assertThat(stroke).as("the marker's outline is applied").isEqualTo(MARKED);
    }

    /** A refused script, style or image (or a script error) would be in the console. */
    private void assertNoConsoleRefusal() {
        List<String> messages = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
        assertThat(messages)
                .noneMatch(message -> message.contains("Content Security Policy"))
                .noneMatch(message -> message.contains("Refused"))
                .noneMatch(message -> message.contains("Uncaught"));
    }

    private void check(String name) throws Exception {
        ((JavascriptExecutor) browser)
                .executeScript("const p = document.getElementById('process'); if (p) p.scrollIntoView();");
        BrowserSteps.screenshot(browser, "diagram-" + name);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Map<?, ?> found = (Map<?, ?>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done({passes: r.passes.length, violations: r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                      + v.nodes.map(n => n.target.join(' ')).join(', '))}))
                  .catch(e => done({passes: 0, violations: ['axe failed: ' + e]}));""");
        assertThat((List<?>) found.get("violations")).as(name).isEmpty();
        assertThat(((Number) found.get("passes")).intValue()).as(name).isGreaterThan(10);
        // axe's own work leaves messages (its fetches of the style sheets are refused): not the page's.
        browser.manage().logs().get(LogType.BROWSER);
    }

    private void signIn(TestStaff member) {
        browser.get(staff("/login"));
        browser.findElement(By.id("username")).sendKeys(member.username());
        browser.findElement(By.id("password")).sendKeys(member.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("secret"));
        String secret = browser.findElement(By.id("secret")).getText();
        browser.findElement(By.id("code")).sendKeys(TestAuthenticator.currentCode(secret));
        browser.findElement(By.cssSelector("form[action$='/login/enrol'] button[type=submit]"))
                .click();
        waitFor(By.id("recovery-codes"));
        browser.findElement(By.id("continue")).click();
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private String staff(String path) {
        return "http://127.0.0.1:" + ports.portOf(Face.STAFF) + path;
    }
}
