package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.leakdesk.infra.StaffRole;
import org.leakdesk.intake.SubmissionDraft;
import org.leakdesk.intake.SubmissionIntake;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Every staff page as each role meets it, in Debian's headless Chromium, checked by axe-core
 * (served from the test class path, injected through the driver so the pages' strict content
 * security policy stays as it is): no serious or critical violation on any of them. A screenshot
 * of each page goes to {@code target/screenshots/a11y-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityTest {

    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    @Autowired
    FacePorts ports;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    SubmissionIntake intake;

    WebDriver browser;
    String axe;
    final List<String> checked = new ArrayList<>();

    @BeforeAll
    void startBrowser() throws Exception {
        try (InputStream in = AccessibilityTest.class.getResourceAsStream(AXE)) {
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
    void everyStaffPageHasNoSeriousOrCriticalViolation() throws Exception {
        UUID caseId;
        try (SubmissionDraft draft = intake.begin()) {
            draft.addFile("minutes.txt", "text/plain", new ByteArrayInputStream("minutes of a meeting".getBytes()));
            caseId = draft.commit().submissionId();
        }

        browser.get(staff("/login"));
        check("login");

        TestStaff reviewer = TestStaff.create(accounts, "a11y-rev", StaffRole.REVIEWER);
        signIn(reviewer);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            browser.get(staff("/inbox"));
            return !browser.findElements(By.cssSelector("tr[data-case='" + caseId + "']"))
                    .isEmpty();
        });
        check("inbox");
        browser.get(staff("/inbox?tab=CLAIMABLE&findings=true&sort=DUE"));
        check("inbox-filtered");
        browser.get(staff("/inbox"));
        browser.findElement(By.cssSelector("tr[data-case='" + caseId + "'] form button"))
                .click();
        waitFor(By.id("stage"));
        check("case");
        browser.get(staff("/account"));
        check("own-account");
        browser.get(staff("/confirm?next=/inbox"));
        check("fresh-check");
        signOut();

        signIn(TestStaff.create(accounts, "a11y-ed", StaffRole.EDITOR));
        browser.get(staff("/inbox?tab=DECISIONS"));
        check("inbox-editor");
        signOut();

        signIn(TestStaff.create(accounts, "a11y-aud", StaffRole.AUDITOR));
        browser.get(staff("/audit"));
        check("audit");
        signOut();

        signIn(TestStaff.create(accounts, "a11y-adm", StaffRole.ADMIN));
        browser.get(staff("/admin/accounts"));
        check("accounts");
        browser.findElement(By.id("new-username"))
                .sendKeys("a11y-" + UUID.randomUUID().toString().substring(0, 6));
        browser.findElement(By.cssSelector("#new-account input[value=AUDITOR]")).click();
        browser.findElement(By.cssSelector("#new-account button[type=submit]")).click();
        waitFor(By.id("initial-password"));
        check("account-created");
        browser.get(staff("/admin/stuck"));
        check("stuck");

        assertThat(checked).hasSize(13);
    }

    /** Runs axe-core on the page in the browser; fails on any serious or critical violation. */
    private void check(String name) throws IOException {
        BrowserSteps.screenshot(browser, "a11y-" + name);
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
        assertThat((List<?>) found.get("violations"))
                .as("%s (%s)", name, browser.getCurrentUrl())
                .isEmpty();
        assertThat(((Number) found.get("passes")).intValue())
                .as("rules axe checked on %s", name)
                .isGreaterThan(10);
        checked.add(name);
    }

    /** A first sign-in in the browser: password, authenticator set up from the key shown, recovery codes. */
    private void signIn(TestStaff member) throws IOException {
        browser.get(staff("/login"));
        browser.findElement(By.id("username")).sendKeys(member.username());
        browser.findElement(By.id("password")).sendKeys(member.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(By.id("secret"));
        if (checked.stream().noneMatch("enrol"::equals)) {
            check("enrol");
        }
        String secret = browser.findElement(By.id("secret")).getText();
        browser.findElement(By.id("code")).sendKeys(TestAuthenticator.currentCode(secret));
        browser.findElement(By.cssSelector("form[action$='/login/enrol'] button[type=submit]"))
                .click();
        waitFor(By.id("recovery-codes"));
        if (checked.stream().noneMatch("recovery-codes"::equals)) {
            check("recovery-codes");
        }
        browser.findElement(By.id("continue")).click();
    }

    private void signOut() {
        browser.manage().deleteAllCookies();
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    private String staff(String path) {
        return "http://127.0.0.1:" + ports.portOf(Face.STAFF) + path;
    }
}
