package io.takt.dashboard.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver through Selenium: for tests that
 * look at a page the way a plant user would. Both paths are given explicitly, so Selenium never
 * downloads a browser or a driver; where they are missing, {@link #start()} aborts the test
 * (reported SKIPPED, with the reason) instead of letting it pass. Each instance gets a fresh
 * profile directory, deleted on {@link #close()}.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String NOT_INSTALLED =
            "Chromium not installed (/usr/bin/chromium, /usr/bin/chromedriver): run .ci/install-browser";

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether the browser and its driver are installed where this class looks for them. */
    public static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** Aborts the calling test, reported as skipped with {@link #NOT_INSTALLED}, unless both are installed. */
    public static void assumeAvailable() {
        if (!installed()) {
            Assumptions.abort(NOT_INSTALLED);
        }
    }

    /** Starts a browser with a 1600 x 1000 window; aborts the test if none is installed. */
    public static HeadlessChromium start() {
        assumeAvailable();
        Path profile;
        try {
            profile = Files.createTempDirectory("takt-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1600,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withSilent(true).build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads {@code page} and returns the driver for the test's own lookups. */
    public WebDriver open(URI page) {
        driver.get(page.toString());
        return driver;
    }

    /**
     * Waits until {@code condition} gives a value other than null or false, and returns it. An
     * element that went stale because the page re-rendered counts as not yet.
     */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /**
     * The {@code data-*} attributes (without the prefix) and the text ({@code text}) of every element
     * matching {@code cssSelector}, in page order. Read in one script, so a page that re-renders on
     * every update cannot change between two reads.
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> read(String cssSelector) {
        return (List<Map<String, String>>) driver.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => {"
                        + " const read = { text: e.textContent.trim() };"
                        + " for (const [key, value] of Object.entries(e.dataset)) read[key] = value;"
                        + " return read; });", cssSelector);
    }

    /** Saves what the window shows as a PNG at {@code file} (directories created) and returns the path. */
    public Path screenshot(Path file) {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(shot.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the screenshot to " + file, e);
        }
        return file;
    }

    /** Saves the whole page, below the window's bottom too, as a PNG at {@code file} and returns the path. */
    @SuppressWarnings("unchecked")
    public Path screenshotFullPage(Path file) {
        // From the top, so that sticky headers sit where a reader expects them.
        driver.executeScript("window.scrollTo(0, 0)");
        Map<String, Object> layout = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> size = (Map<String, Number>) layout.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the screenshot to " + file, e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover profile in the temp directory is harmless
        }
    }
}
