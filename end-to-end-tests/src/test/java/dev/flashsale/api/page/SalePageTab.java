package dev.flashsale.api.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * One tab of the sale page, signed in as one person: the token lives in the tab's session storage, so the tabs of one
 * browser are different buyers. Every method brings its tab to the front first.
 */
final class SalePageTab {

    private final ChromeDriver browser;
    private final String handle;

    private SalePageTab(ChromeDriver browser, String handle) {
        this.browser = browser;
        this.handle = handle;
    }

    /** A new tab at {@code address}, signed in with {@code token}. */
    static SalePageTab open(ChromeDriver browser, String address, String token) {
        WebDriver tab = browser.getWindowHandles().isEmpty() || isBlank(browser) ? browser
                : browser.switchTo().newWindow(WindowType.TAB);
        tab.get(address);
        SalePageTab page = new SalePageTab(browser, browser.getWindowHandle());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in-button")).click();
        return page;
    }

    private static boolean isBlank(ChromeDriver browser) {
        String url = browser.getCurrentUrl();
        return url == null || url.startsWith("data:") || url.equals("about:blank");
    }

    String text(String id) {
        return front().findElement(By.id(id)).getText();
    }

    boolean enabled(String id) {
        return front().findElement(By.id(id)).isEnabled();
    }

    boolean visible(String id) {
        return front().findElement(By.id(id)).isDisplayed();
    }

    void click(String id) {
        front().findElement(By.id(id)).click();
    }

    /** The order's status as the page shows it: PLACING until the first event, SOLD_OUT for a 409. */
    String orderStatus() {
        String status = front().findElement(By.id("order-status")).getDomAttribute("data-status");
        return status == null ? "" : status;
    }

    /** The operator view's cell for a product's units left, or "" while the product is not listed. */
    String unitsLeftOf(String productId) {
        return front().findElements(By.cssSelector("tr[data-product-id='" + productId + "'] .available")).stream()
                .map(cell -> cell.getText()).findFirst().orElse("");
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, front().getScreenshotAs(OutputType.BYTES));
    }

    private ChromeDriver front() {
        if (!handle.equals(browser.getWindowHandle())) {
            browser.switchTo().window(handle);
        }
        return browser;
    }
}
