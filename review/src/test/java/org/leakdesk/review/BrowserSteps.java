package org.leakdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the browser tests do alike: a staff member's first sign-in, waiting for a page, a screenshot. */
final class BrowserSteps {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private BrowserSteps() {}

    /**
     * A first sign-in: password, then setting up the authenticator from the key the page shows
     * and reading the recovery codes; ends on the account's first page (the inbox, or the access log
     * for an auditor).
     */
    static void signInFirstTime(WebDriver browser, String staff, TestStaff member, String enrolScreenshot)
            throws Exception {
        browser.get(staff + "/login");
        browser.findElement(By.id("username")).sendKeys(member.username());
        browser.findElement(By.id("password")).sendKeys(member.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(browser, By.id("secret"));
        screenshot(browser, enrolScreenshot);
        String secret = browser.findElement(By.id("secret")).getText();
        browser.findElement(By.id("code")).sendKeys(TestAuthenticator.currentCode(secret));
        browser.findElement(By.cssSelector("form[action$='/login/enrol'] button[type=submit]"))
                .click();
        waitFor(browser, By.id("recovery-codes"));
        assertThat(browser.findElements(By.cssSelector("#recovery-codes code"))).hasSize(10);
        browser.findElement(By.id("continue")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches("/(inbox|audit)$"));
    }

    /** Form submissions return before the next page has loaded: wait for something of it. */
    static WebElement waitFor(WebDriver browser, By element) {
        return waitFor(browser, element, Duration.ofSeconds(30));
    }

    static WebElement waitFor(WebDriver browser, By element, Duration atMost) {
        return new WebDriverWait(browser, atMost).until(ExpectedConditions.presenceOfElementLocated(element));
    }

    /** Saves what {@code browser} shows as {@code target/screenshots/NAME.png}. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
