package dev.flashsale.api;

import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Carts, payments, cancellations and expiry as a buyer sees them: real HTTP, a real KRaft broker, the inventory
 * topology with its order aggregator beside the API, and the real PostgreSQL read model.
 */
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
class OrderLifecycleEndToEndIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final long PRICE = 1_500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void acceptsACartOfThreeProductsAndReservesEachLine() throws Exception {
        List<String> products = List.of(product(10, null), product(10, null), product(10, null));
        String buyer = buyerId();

        String orderId = place(buyer, Map.of(products.get(0), 1, products.get(1), 2, products.get(2), 3));
        Map<String, Object> order = awaitStatusOtherThan(buyer, orderId, "PENDING");

        assertThat(order.get("status")).isEqualTo("ACCEPTED");
        assertThat(order.get("total")).isEqualTo((int) (6 * PRICE));
        assertThat(order.get("paymentDeadline")).isNotNull();
        assertThat(order.get("items")).asList().hasSize(3);
        awaitAvailable(products.get(0), 9);
        awaitAvailable(products.get(1), 8);
        awaitAvailable(products.get(2), 7);
    }

    @Test
    void rejectsACartWithASoldOutLineAndGivesEveryOtherLineItsUnitsBack() throws Exception {
        String plenty = product(10, null);
        String scarce = product(1, null);
        String buyer = buyerId();

        String orderId = place(buyer, Map.of(plenty, 2, scarce, 5));
        Map<String, Object> order = awaitStatusOtherThan(buyer, orderId, "PENDING");

        assertThat(order.get("status")).isEqualTo("REJECTED");
        assertThat(order.get("reason")).isEqualTo("OUT_OF_STOCK");
        assertThat(order.get("rejectedProductId")).isEqualTo(scarce);
        awaitAvailable(plenty, 10);
        awaitAvailable(scarce, 1);
    }

    @Test
    void paysAnAcceptedOrderOnceAndRefusesTheSecondPaymentNamingTheFirst() throws Exception {
        String product = product(10, null);
        String buyer = buyerId();
        String orderId = acceptedOrder(buyer, product, 2);

        HttpResponse<String> paid = pay(buyer, orderId, 2 * PRICE, "psp-1");
        HttpResponse<String> again = pay(buyer, orderId, 2 * PRICE, "psp-1");

        assertThat(paid.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(paid.body(), "$.status")).isEqualTo("PAID");
        assertThat((String) JsonPath.read(paid.body(), "$.paymentReference")).isEqualTo("psp-1");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(again.body(), "$.currentStatus")).isEqualTo("PAID");
        assertThat((String) JsonPath.read(again.body(), "$.paymentReference")).isEqualTo("psp-1");
        assertHistoryInOrder(JsonPath.read(paid.body(), "$.history"), "PENDING", "ACCEPTED", "PAID");
    }

    @Test
    void refusesToPayARejectedOrder() throws Exception {
        String scarce = product(1, null);
        String buyer = buyerId();
        String orderId = place(buyer, Map.of(scarce, 2));
        awaitStatusOtherThan(buyer, orderId, "PENDING");

        HttpResponse<String> payment = pay(buyer, orderId, 2 * PRICE, "psp-1");

        assertThat(payment.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(payment.body(), "$.currentStatus")).isEqualTo("REJECTED");
    }

    @Test
    void cancelsAnAcceptedOrderAndPutsItsUnitsBackOnSale() throws Exception {
        String product = product(10, null);
        String buyer = buyerId();
        String orderId = acceptedOrder(buyer, product, 4);
        awaitAvailable(product, 6);

        HttpResponse<String> cancelled = cancel(buyer, orderId);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(cancelled.body(), "$.status")).isEqualTo("CANCELLED");
        awaitAvailable(product, 10);
        assertHistoryInOrder(JsonPath.read(cancelled.body(), "$.history"), "PENDING", "ACCEPTED", "CANCELLED");
    }

    @Test
    void refusesToCancelAPaidOrder() throws Exception {
        String product = product(10, null);
        String buyer = buyerId();
        String orderId = acceptedOrder(buyer, product, 1);
        assertThat(pay(buyer, orderId, PRICE, "psp-2").statusCode()).isEqualTo(200);

        HttpResponse<String> cancel = cancel(buyer, orderId);

        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(cancel.body(), "$.currentStatus")).isEqualTo("PAID");
        awaitAvailable(product, 9);
    }

    @Test
    void expiresAnUnpaidOrderAfterItsProductsWindowAndThenRefusesItsPayment() throws Exception {
        String product = product(5, "PT2S");
        String buyer = buyerId();
        String orderId = acceptedOrder(buyer, product, 2);

        Map<String, Object> expired = awaitStatusOtherThan(buyer, orderId, "ACCEPTED");
        HttpResponse<String> late = pay(buyer, orderId, 2 * PRICE, "psp-late");

        assertThat(expired.get("status")).isEqualTo("EXPIRED");
        awaitAvailable(product, 5);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(late.body(), "$.currentStatus")).isEqualTo("EXPIRED");
        assertHistoryInOrder(expired.get("history"), "PENDING", "ACCEPTED", "EXPIRED");
    }

    private String acceptedOrder(String buyer, String product, int quantity) throws Exception {
        String orderId = place(buyer, Map.of(product, quantity));
        assertThat(awaitStatusOtherThan(buyer, orderId, "PENDING").get("status")).isEqualTo("ACCEPTED");
        return orderId;
    }

    @SuppressWarnings("unchecked")
    private static void assertHistoryInOrder(Object history, String... statuses) {
        List<Map<String, Object>> steps = (List<Map<String, Object>>) history;
        assertThat(steps).extracting(step -> step.get("status")).containsExactly((Object[]) statuses);
        assertThat(steps).extracting(step -> Instant.parse((String) step.get("at"))).isSorted();
    }

    private String product(int stock, String paymentWindow) throws IOException, InterruptedException {
        String window = paymentWindow == null ? "" : ", \"paymentWindow\": \"" + paymentWindow + "\"";
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products"))
                .header("Content-Type", "application/json").header("Authorization", bearer(admin("ops")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Cart item\", \"price\": %d, \"stock\": %d%s}"
                        .formatted(PRICE, stock, window))));
        assertThat(response.statusCode()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.id");
    }

    private String place(String buyer, Map<String, Integer> items) throws IOException, InterruptedException {
        String lines = items.entrySet().stream()
                .map(item -> "{\"productId\": \"%s\", \"quantity\": %d}".formatted(item.getKey(), item.getValue()))
                .collect(Collectors.joining(", "));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Content-Type", "application/json").header("Authorization", bearer(buyer(buyer)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\": [" + lines + "]}")));
        assertThat(response.statusCode()).isEqualTo(202);
        return JsonPath.read(response.body(), "$.orderId");
    }

    private HttpResponse<String> pay(String buyer, String orderId, long amount, String reference)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/orders/" + orderId + "/payment"))
                .header("Content-Type", "application/json").header("Authorization", bearer(buyer(buyer)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": %d, \"paymentReference\": \"%s\"}"
                        .formatted(amount, reference))));
    }

    private HttpResponse<String> cancel(String buyer, String orderId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/orders/" + orderId + "/cancel"))
                .header("Authorization", bearer(buyer(buyer))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Map<String, Object> awaitStatusOtherThan(String buyer, String orderId, String status) {
        return await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders/" + orderId + "?wait=2s"))
                    .header("Authorization", bearer(buyer(buyer))).GET());
            assertThat(response.statusCode()).isEqualTo(200);
            return JsonPath.<Map<String, Object>>read(response.body(), "$");
        }, order -> !status.equals(order.get("status")));
    }

    private void awaitAvailable(String productId, int units) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> JsonPath.<Integer>read(
                send(HttpRequest.newBuilder(uri("/api/products/" + productId)).GET()).body(), "$.available"),
                available -> available == units);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String buyerId() {
        return "buyer-" + UUID.randomUUID();
    }
}
