package dev.flashsale.api.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Chromium and its driver as the Debian packages install them, started headless. Both paths are given, so Selenium
 * Manager never runs and nothing is downloaded; without them the test fails rather than skips, so CI cannot pass
 * without having driven the page.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** A fresh browser with its own profile in {@code profile}. */
    static ChromeDriver start(Path profile) {
        for (Path binary : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the sale page's browser test needs headless "
                        + "Chromium from the Debian packages (apt-get install -y chromium chromium-driver, as .ci/run "
                        + "does)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Tabs in the background are the other buyers: their timers must not be slowed down.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
