package org.quire.web.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's headless Chromium driven through chromedriver (Selenium; the driver binary given explicitly, so
 * Selenium Manager never downloads anything), for the page tests of the document browser and the console. One
 * browser per test class; screenshots under {@code target/screenshots/}. Needs {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} ({@code .ci/chromium.sh}); other paths with {@code -Dquire.it.chromium=…} and
 * {@code -Dquire.it.chromedriver=…}. Without them the class fails: a browser test that is skipped proves nothing.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of(System.getProperty("quire.it.screenshots", "target/screenshots"));

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final String prefix;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, String prefix) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.prefix = prefix;
    }

    static Browser start(String prefix) throws IOException {
        Path chromium = Path.of(System.getProperty("quire.it.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("quire.it.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            fail("The browser test needs Chromium and chromedriver (" + chromium + ", " + chromedriver + "). Install them with .ci/chromium.sh"
                    + " (as root: apt-get install chromium chromium-driver), or point -Dquire.it.chromium / -Dquire.it.chromedriver at them.");
        }
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        Path profile = Files.createTempDirectory("quire-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,800");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, service, profile, prefix);
    }

    /** Signs in through the login form (a fresh session: cookies of earlier tests are dropped first). */
    void signIn(URI quire, String login, String password, String page) {
        driver.get(quire.resolve("login").toString());
        driver.manage().deleteAllCookies();
        driver.get(quire.resolve(page).toString());
        until("the login page", () -> driver.getCurrentUrl().contains("/login"));
        type(By.id("username"), login);
        type(By.id("password"), password);
        driver.findElement(By.id("sign-in")).click();
        until("leaving the login page", () -> !driver.getCurrentUrl().contains("/login"));
        if (page.contains("#")) {
            // the fragment does not travel through the sign-in (the server never sees it)
            driver.get(quire.resolve(page).toString());
        }
    }

    /** Types into a field once it is shown (a console tab appears after its script ran). */
    void type(By by, String text) {
        WebElement e = visible(by);
        e.clear();
        e.sendKeys(text);
    }

    /** Picks an option of a select by its value, as a person choosing it would (a change event follows). */
    void choose(WebElement select, String value) {
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", select, value);
        if (!value.equals(select.getAttribute("value"))) {
            throw new AssertionError("no option " + value + " in " + select.getAttribute("outerHTML"));
        }
    }

    WebElement visible(By by) {
        return until("a visible " + by, () -> {
            WebElement e = driver.findElement(by);
            return e.isDisplayed() ? e : null;
        });
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    static <T> T until(String what, Supplier<T> condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            T value;
            try {
                value = condition.get();
            } catch (RuntimeException e) {
                value = null;
            }
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 20 s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(prefix + "-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println(prefix + ": no screenshot of " + name + ": " + e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
