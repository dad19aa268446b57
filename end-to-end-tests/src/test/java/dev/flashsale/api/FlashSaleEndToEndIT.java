package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.readAll;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole flow as a buyer sees it: real HTTP into the API, a real KRaft broker, the real inventory topology running
 * with exactly-once beside it, and the real PostgreSQL read model. The invariants are counted, never timed.
 */
// Statuses come from the order aggregator (flashsale.order-lifecycle), which must run beside the API.
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
class FlashSaleEndToEndIT {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProductCatalog catalog;

    @Test
    void acceptsExactlyTheStockWhenAThousandBuyersOrderTheLastHundredUnitsAtOnce() throws Exception {
        String productId = createProduct("12.12 phone", 100);

        List<Placed> answers = concurrently(1_000, 64, buyer -> placeOrder("buyer-" + buyer, productId, 1, null));

        // Once this API has seen the stock reach 0, later buyers are turned away at once (409 SOLD_OUT).
        List<Placed> placed = answers.stream().filter(answer -> answer.status() == 202).toList();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(202, 409));
        assertThat(answers).filteredOn(answer -> answer.status() == 409)
                .allSatisfy(answer -> assertThat(answer.code()).isEqualTo("SOLD_OUT"));
        assertThat(placed).hasSizeGreaterThanOrEqualTo(100).allSatisfy(order ->
                // Read-your-write: the order is visible the moment its 202 was received.
                assertThat(order.statusOnFirstRead()).isEqualTo(200));
        Map<String, Long> byStatus = awaitSettled(productId, placed.size());
        assertThat(byStatus).containsEntry("ACCEPTED", 100L);
        assertThat(byStatus.getOrDefault("REJECTED", 0L)).isEqualTo(placed.size() - 100L);
        assertThat(jdbc.sql("""
                select distinct o.reason from orders o join order_lines l on l.order_id = o.order_id
                where l.product_id = ? and o.status = 'REJECTED'""").param(productId).query(String.class).list())
                .containsExactly(RejectionReason.OUT_OF_STOCK.name());
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertThat(available(productId)).isZero());

        List<OrderResult> results = resultsFor(productId);
        assertThat(results).hasSize(placed.size());
        assertThat(results).extracting(result -> result.orderId().value()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(placed.stream().map(Placed::orderId).toList());
        assertThat(results.stream().filter(OrderAccepted.class::isInstance).mapToInt(OrderResult::quantity).sum())
                .isEqualTo(100);

        List<StockLevel> levels = levelsFor(productId);
        assertThat(levels).extracting(StockLevel::version).doesNotHaveDuplicates();
        assertThat(levels).allSatisfy(level -> assertThat(level.available()).isBetween(0, 100));
        assertThat(levels.get(levels.size() - 1).available()).isZero();
    }

    @Test
    void placesOneOrderForEveryRetryWithTheSameIdempotencyKey() throws Exception {
        String productId = createProduct("Limited sneaker", 5);
        String key = "checkout-" + UUID.randomUUID();

        List<Placed> attempts = concurrently(20, 20, attempt -> placeOrder("impatient", productId, 1, key));

        assertThat(attempts).extracting(Placed::status).containsOnly(202);
        assertThat(attempts).extracting(Placed::orderId).containsOnly(attempts.get(0).orderId());
        assertThat(awaitSettled(productId, 1)).containsExactlyEntriesOf(Map.of("ACCEPTED", 1L));
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertThat(available(productId)).isEqualTo(4));
        assertThat(resultsFor(productId)).singleElement().isInstanceOf(OrderAccepted.class);
    }

    @Test
    void sellsRestockedUnitsAfterTheProductSoldOut() throws Exception {
        String productId = createProduct("Sold-out console", 0);
        Placed tooEarly = placeOrder("early", productId, 1, null);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.code()).isEqualTo("SOLD_OUT");

        assertThat(post("/api/products/" + productId + "/stock", "{\"delta\": 2}").statusCode()).isEqualTo(202);
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertThat(available(productId)).isEqualTo(2));
        // The read model and this instance's stock view follow the same topic with separate consumers.
        await().atMost(SETTLE_TIMEOUT).until(() -> !catalog.isSoldOut(new ProductId(productId)));
        List<Placed> later = concurrently(3, 3, buyer -> placeOrder("later-" + buyer, productId, 1, null));

        long placed = later.stream().filter(answer -> answer.status() == 202).count();
        assertThat(later).extracting(Placed::status).isSubsetOf(202, 409);
        Map<String, Long> byStatus = awaitSettled(productId, (int) placed);
        assertThat(byStatus).containsEntry("ACCEPTED", 2L);
        assertThat(resultsFor(productId)).filteredOn(OrderRejected.class::isInstance)
                .allSatisfy(result -> assertThat(((OrderRejected) result).reason())
                        .isEqualTo(RejectionReason.OUT_OF_STOCK));
        assertThat(resultsFor(productId)).noneMatch(result -> result.orderId().value().equals(tooEarly.orderId()));
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertThat(available(productId)).isZero());
    }

    @Test
    void rejectsABuyersThirdOrderOverALimitOfTwoWhileStockRemainsAndLetsARaisedLimitThrough() throws Exception {
        HttpResponse<String> created = post("/api/products",
                "{\"name\": \"Limited sneaker\", \"price\": 12000, \"stock\": 10, \"maxPerCustomer\": 2}");
        assertThat(created.statusCode()).isEqualTo(201);
        String productId = JsonPath.read(created.body(), "$.id");
        assertThat((Integer) JsonPath.read(get("/api/products/" + productId).body(), "$.maxPerCustomer")).isEqualTo(2);

        List<Placed> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(placeOrder("collector", productId, 1, null));
        }
        orders.add(placeOrder("other-buyer", productId, 1, null));

        assertThat(orders).extracting(Placed::status).containsOnly(202);
        assertThat(awaitSettled(productId, 4)).containsEntry("ACCEPTED", 3L).containsEntry("REJECTED", 1L);
        HttpResponse<String> third = http.send(HttpRequest.newBuilder(uri("/api/orders/" + orders.get(2).orderId()))
                .header("Authorization", bearer(buyer("collector"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat((String) JsonPath.read(third.body(), "$.status")).isEqualTo("REJECTED");
        assertThat((String) JsonPath.read(third.body(), "$.reason")).isEqualTo("LIMIT_EXCEEDED");
        // Stocked at 10, three units reserved, the rejected one not: the stock never went below 7.
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertThat(available(productId)).isEqualTo(7));
        // Levels are published once per interval while units change hands: never below 7, always newer, ending at 7.
        List<StockLevel> levels = levelsFor(productId);
        assertThat(levels).extracting(StockLevel::available).allSatisfy(units -> assertThat(units).isBetween(7, 10))
                .startsWith(10).endsWith(7);
        assertThat(levels).extracting(StockLevel::version).isSorted().doesNotHaveDuplicates();

        HttpResponse<String> patched = http.send(HttpRequest.newBuilder(uri("/api/products/" + productId))
                .header("Content-Type", "application/merge-patch+json")
                .header("Authorization", bearer(admin("ops")))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"maxPerCustomer\": 3}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(get("/api/products/" + productId).body(), "$.maxPerCustomer")).isEqualTo(3);
        assertThat(placeOrder("collector", productId, 1, null).status()).isEqualTo(202);
        assertThat(awaitSettled(productId, 5)).containsEntry("ACCEPTED", 4L).containsEntry("REJECTED", 1L);
    }

    @Test
    void longPollFollowsAnOrderToItsDecision() throws Exception {
        String productId = createProduct("Long-polled watch", 1);
        Placed placed = placeOrder("patient", productId, 1, null);

        HttpResponse<String> decided = http.send(HttpRequest.newBuilder(uri("/api/orders/" + placed.orderId()
                + "?wait=30s")).header("Authorization", bearer(buyer("patient"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(decided.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(decided.body(), "$.status")).isEqualTo("ACCEPTED");
    }

    /** @param code the problem's {@code code}, for a refused order */
    private record Placed(int status, String orderId, int statusOnFirstRead, String code) {
    }

    private Placed placeOrder(String customerId, String productId, int quantity, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(buyer(customerId)))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId": "%s", "items": [{"productId": "%s", "quantity": %d}]}"""
                        .formatted(customerId, productId, quantity)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 409) {
            return new Placed(409, null, 0, JsonPath.read(response.body(), "$.code"));
        }
        if (response.statusCode() != 202) {
            return new Placed(response.statusCode(), null, 0, null);
        }
        String orderId = JsonPath.read(response.body(), "$.orderId");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/orders/" + orderId));
        int firstRead = http.send(HttpRequest.newBuilder(uri("/api/orders/" + orderId))
                .header("Authorization", bearer(buyer(customerId))).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        return new Placed(202, orderId, firstRead, null);
    }

    private String createProduct(String name, int stock) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/products",
                "{\"name\": \"%s\", \"price\": 99000, \"stock\": %d}".formatted(name, stock));
        assertThat(response.statusCode()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.id");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private int available(String productId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/products/" + productId)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.available");
    }

    /** As an operator: the catalog's writes need the admin scope. */
    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", bearer(admin("ops")))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Waits until {@code orders} orders for the product have a final status, then counts them by status. */
    private Map<String, Long> awaitSettled(String productId, int orders) {
        await().atMost(SETTLE_TIMEOUT).until(() -> jdbc.sql("""
                select count(*) from orders o join order_lines l on l.order_id = o.order_id
                where l.product_id = ? and o.status <> 'PENDING'""").param(productId).query(Long.class).single(),
                settled -> settled == orders);
        return jdbc.sql("""
                select o.status, count(*) as orders from orders o join order_lines l on l.order_id = o.order_id
                where l.product_id = ? group by o.status""").param(productId)
                .query((row, n) -> Map.entry(row.getString("status"), row.getLong("orders"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<OrderResult> resultsFor(String productId) {
        return readAll(bootstrapServers, Topics.ORDER_RESULTS).stream().map(ConsumerRecord::value)
                .filter(result -> result.productId().value().equals(productId)).toList();
    }

    private List<StockLevel> levelsFor(String productId) {
        return readAll(bootstrapServers, Topics.STOCK_LEVELS).stream()
                .filter(record -> record.key().equals(productId)).map(ConsumerRecord::value).toList();
    }

    private interface Buyer<T> {
        T act(int index) throws Exception;
    }

    private static <T> List<T> concurrently(int count, int threads, Buyer<T> buyer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<T>> tasks = IntStream.range(0, count).<Callable<T>>mapToObj(i -> () -> buyer.act(i))
                    .toList();
            List<T> outcomes = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
