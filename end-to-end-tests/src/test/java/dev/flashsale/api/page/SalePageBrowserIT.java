package dev.flashsale.api.page;

import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.InventoryProcessorBesideTheApi;
import dev.flashsale.api.WholeOrderApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The sale page in a real headless Chromium, against the real API with the inventory processor beside it on the real
 * broker and PostgreSQL: two buyers, each in a tab of their own, race for the last unit, and an operator watches.
 * Screenshots of both views go to {@code target/sale-page} ({@code -Dflashsale.sale-page.screenshots=<dir>} for
 * another directory, such as {@code ../docs/sale-page} to refresh the docs').
 */
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
class SalePageBrowserIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Set<String> UNDECIDED = Set.of("", "PLACING", "PENDING");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("flashsale.sale-page.screenshots",
            "target/sale-page"));

    private static ChromeDriver browser;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser(@TempDir Path profile) {
        browser = HeadlessChromium.start(profile);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void oneOfTwoBuyersGetsTheLastUnitAndTheOperatorSeesNoneLeft() throws Exception {
        String productId = createProduct("Last phone of the sale", 1);
        String buyerPage = "http://localhost:" + port + "/?product=" + productId + "#buyer";
        SalePageTab first = SalePageTab.open(browser, buyerPage, buyer(uniqueId("page-a")));
        SalePageTab second = SalePageTab.open(browser, buyerPage, buyer(uniqueId("page-b")));
        for (SalePageTab tab : List.of(first, second)) {
            await().atMost(SETTLE).until(() -> tab.text("units-left").equals("1") && tab.enabled("buy"));
        }

        // When: both press "Buy now", one straight after the other.
        first.click("buy");
        second.click("buy");

        // Then: one has the unit and may pay for it; the other was turned away, by the processor or as sold out.
        for (SalePageTab tab : List.of(first, second)) {
            await().atMost(SETTLE).until(() -> !UNDECIDED.contains(tab.orderStatus()));
        }
        List<String> statuses = List.of(first.orderStatus(), second.orderStatus());
        assertThat(statuses).containsOnlyOnce("ACCEPTED").hasSize(2)
                .anySatisfy(status -> assertThat(status).isIn("REJECTED", "SOLD_OUT"));
        SalePageTab winner = statuses.get(0).equals("ACCEPTED") ? first : second;
        SalePageTab loser = winner == first ? second : first;
        assertThat(winner.visible("pay")).isTrue();
        assertThat(winner.visible("cancel")).isTrue();
        assertThat(loser.visible("pay")).isFalse();
        await().atMost(SETTLE).until(() -> winner.text("units-left").equals("0") && !winner.enabled("buy"));
        winner.screenshot(SCREENSHOTS.resolve("buyer.png"));

        SalePageTab operator = SalePageTab.open(browser, "http://localhost:" + port + "/#operator",
                admin("ops"));
        await().atMost(SETTLE).until(() -> operator.unitsLeftOf(productId).equals("0"));
        await().atMost(SETTLE).until(() -> operator.text("processor-lag").matches("\\d+")
                && !operator.text("rate-accepted").equals("–"));
        operator.screenshot(SCREENSHOTS.resolve("operator.png"));

        // And the winner pays on the page; the stream brings PAID.
        winner.click("pay");
        await().atMost(SETTLE).until(() -> winner.orderStatus().equals("PAID"));
        assertThat(winner.visible("pay")).isFalse();
    }

    private String createProduct(String name, int stock) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/products"))
                .header("Authorization", bearer(admin("ops"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"%s\", \"price\": 79900, \"stock\": %d}".formatted(name, stock)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return JsonPath.read(created.body(), "$.id");
    }
}
