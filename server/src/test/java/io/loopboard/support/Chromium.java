package io.loopboard.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, offline: Selenium is told
 * exactly which binaries to use so Selenium Manager never downloads anything.
 *
 * <p>Without Chromium a local run skips browser tests with a loud message; with {@code CI=true}
 * it fails instead, because CI must never pass without having run them.
 */
public final class Chromium implements AutoCloseable {

    public static final String BROWSER = System.getenv().getOrDefault("LOOPBOARD_CHROMIUM", "/usr/bin/chromium");
    public static final String DRIVER = System.getenv().getOrDefault("LOOPBOARD_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final Path profile;
    public final ChromeDriver driver;

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a browser or skips (locally) / fails (CI) when Chromium is not installed. */
    public static Chromium start() {
        return start(new String[0]);
    }

    /** As {@link #start()}, with extra command-line switches. */
    public static Chromium start(String... extraArgs) {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            String msg = "Chromium or chromedriver missing (" + BROWSER + ", " + DRIVER + "): "
                    + "install with 'apt-get install -y chromium chromium-driver fonts-noto-color-emoji'";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + msg);
            }
            System.err.println();
            System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            System.err.println("!!! SKIPPING BROWSER TESTS: " + msg);
            System.err.println("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            System.err.println();
            Assumptions.abort(msg);
        }
        try {
            Path profile = Files.createTempDirectory("loopboard-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1920,1080", "--user-data-dir=" + profile);
            options.addArguments(extraArgs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));
            return new Chromium(profile, driver);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An attribute of the page's body, read in one script. Reading it through a WebElement fails
     * with StaleElementReferenceException when the page navigates or re-renders between the lookup
     * and the read, which a busy machine makes likely; a script sees one document or the next.
     */
    public static String bodyAttribute(WebDriver driver, String name) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.body ? document.body.getAttribute(arguments[0]) : null;", name);
    }

    /** The page's visible text, read in one script (see {@link #bodyAttribute}). */
    public static String bodyText(WebDriver driver) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.body ? document.body.innerText : '';");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // chromedriver leaves profiles behind; best effort
            }
        }
    }
}
