package io.switchboard.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.admin.TestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium, logged in to
 * the pages like a person: the login form, then the page. Missing packages fail the test with what to install.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A generous bound for anything the pages show: the tests wait for it, never time it. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final String base;

    Browser(int port) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
                .as("the page tests need a real browser: apt-get install chromium chromium-driver (%s and %s)",
                        CHROMIUM, DRIVER)
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(
                DRIVER.toString())).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://127.0.0.1:" + port;
    }

    /** Logs in on the login page as {@code login}, then opens {@code page} (e.g. {@code /pages/wallboard.html}). */
    void open(TestServer.Login.Basic login, String page) {
        driver.get(base + "/pages/login.html");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.findElement(By.id("name")).sendKeys(login.user());
        driver.findElement(By.id("password")).sendKeys(login.password());
        driver.findElement(By.id("login")).click();
        until(d -> !d.getCurrentUrl().contains("login.html"));
        driver.get(base + page);
    }

    /** Opens {@code page} as whoever is logged in (or nobody). */
    void go(String page) {
        driver.get(base + page);
    }

    void logOutEverywhere() {
        driver.get(base + "/pages/login.html");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Waits (up to {@link #PATIENCE}) until {@code condition} holds. */
    <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits until {@code css} matches an element, and returns it. */
    WebElement await(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Waits until nothing matches {@code css}. */
    void awaitGone(String css) {
        until(d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    /** Waits until the element at {@code css} shows text starting with {@code prefix}. */
    void awaitText(String css, String prefix) {
        until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().startsWith(prefix)));
    }

    /** Waits until the form field at {@code css} holds a value starting with {@code prefix}. */
    void awaitValue(String css, String prefix) {
        until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> {
            String value = e.getDomProperty("value");
            return value != null && value.startsWith(prefix);
        }));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
