package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.readAll;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lifecycle's invariants under random interleavings, on the real broker, the real inventory topology and the real
 * read model: a seeded {@link Random} writes a script of orders, carts, restocks, payments, cancellations and pauses
 * (which let short payment windows expire), and eight buyers play it concurrently over HTTP, so the order in which the
 * processor sees them is the system's, not the script's. At every settled point (no order pending, every release
 * applied) each product must satisfy
 * <pre>initial stock + restocks = available + held (accepted, unpaid) + sold (paid)</pre>
 * no customer may hold more of a limited product than its limit, and at the end every order has exactly one final
 * status in the log. A failure names its seed; rerun it with {@code -Dflashsale.invariants.seed=<seed>} (the
 * interleaving differs run to run, the script does not).
 */
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
class OrderLifecycleInvariantIT {

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycleInvariantIT.class);

    private static final long SEED = Long.getLong("flashsale.invariants.seed", 20261212L);
    private static final int PRODUCTS = 5;
    private static final int CUSTOMERS = 6;
    private static final int ROUNDS = 4;
    private static final int STEPS_PER_ROUND = 60;
    private static final int BUYERS = 8;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Autowired
    JdbcClient jdbc;

    /** A product as the script created it. */
    private record Product(String id, int initialStock, long price, Integer maxPerCustomer, String paymentWindow) {
    }

    /** An order the API acknowledged (202), with its lines as product ID to quantity. */
    private record Placed(String orderId, String customerId, Map<String, Integer> lines, long total) {
    }

    private sealed interface Step permits PlaceStep, RestockStep, PayStep, CancelStep, PauseStep {
    }

    private record PlaceStep(String customerId, Map<Integer, Integer> quantities) implements Step {
    }

    private record RestockStep(int product, int delta) implements Step {
    }

    /** Pays (or cancels) the order placed {@code pick} modulo the number placed so far, whatever its status. */
    private record PayStep(int pick) implements Step {
    }

    private record CancelStep(int pick) implements Step {
    }

    private record PauseStep(int millis) implements Step {
    }

    private final List<Product> products = new ArrayList<>();
    private final List<Placed> placed = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> restocked = new ConcurrentHashMap<>();
    /** Payment references the API answered 200 for, by order: at most one per order. */
    private final Map<String, List<String>> paidFor = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();

    @Test
    void conservesStockKeepsLimitsAndEndsEveryOrderOnceUnderRandomInterleavings() throws Exception {
        log.info("Lifecycle invariants with seed {} (rerun with -Dflashsale.invariants.seed={})", SEED, SEED);
        Random script = new Random(SEED);
        createProducts(script);

        for (int round = 0; round < ROUNDS; round++) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < STEPS_PER_ROUND; i++) {
                steps.add(nextStep(script));
            }
            play(steps);
            awaitSettledAndCheck("round " + (round + 1));
        }

        settleEveryAcceptedOrder();
        Map<String, OrderStatus> finals = awaitEveryOrderFinal();
        awaitSettledAndCheck("end");
        checkTheLog(finals);
        log.info("Seed {}: {} orders {}, answers {}", SEED, placed.size(),
                finals.values().stream().collect(Collectors.groupingBy(status -> status, Collectors.counting())),
                answers);
        // The script must have reached every path it is meant to test, or it proved nothing about them.
        assertThat(finals.values()).as("final statuses, seed %d", SEED)
                .contains(OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.REJECTED);
        assertThat(answers).as("answers, seed %d", SEED).containsKeys("pay 200", "pay 409", "cancel 200",
                "cancel 409");
        assertThat(placed).as("carts of several products").anyMatch(order -> order.lines().size() > 1);
    }

    private void createProducts(Random script) throws Exception {
        for (int i = 0; i < PRODUCTS; i++) {
            int stock = 3 + script.nextInt(10);
            long price = 100 + script.nextInt(5_000);
            Integer limit = i < 2 ? 2 + script.nextInt(3) : null;
            // Two of five expire unpaid orders within seconds, so pauses and settling see expiries happen.
            String window = i % 3 == 0 ? "PT2S" : null;
            StringBuilder body = new StringBuilder("{\"name\": \"Invariant product %d\", \"price\": %d, \"stock\": %d"
                    .formatted(i, price, stock));
            if (limit != null) {
                body.append(", \"maxPerCustomer\": ").append(limit);
            }
            if (window != null) {
                body.append(", \"paymentWindow\": \"").append(window).append('"');
            }
            HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/products"))
                    .header("Content-Type", "application/json").header("Authorization", bearer(admin("ops")))
                    .POST(HttpRequest.BodyPublishers.ofString(body.append('}').toString())));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JsonPath.read(created.body(), "$.id");
            products.add(new Product(id, stock, price, limit, window));
            restocked.put(id, new AtomicInteger());
        }
        // The API refuses orders for products it has not seen stocked; wait until every product is on sale.
        for (Product product : products) {
            await().atMost(SETTLE_TIMEOUT).until(() -> available(product.id()) == product.initialStock());
        }
    }

    private Step nextStep(Random script) {
        int dice = script.nextInt(100);
        if (dice < 45) {
            Map<Integer, Integer> quantities = new LinkedHashMap<>();
            int lines = 1 + script.nextInt(script.nextInt(4) == 0 ? PRODUCTS : 2);
            while (quantities.size() < lines) {
                quantities.put(script.nextInt(PRODUCTS), 1 + script.nextInt(3));
            }
            return new PlaceStep("buyer-" + script.nextInt(CUSTOMERS), quantities);
        }
        if (dice < 55) {
            return new RestockStep(script.nextInt(PRODUCTS), 1 + script.nextInt(4));
        }
        if (dice < 75) {
            return new PayStep(script.nextInt(1_000));
        }
        if (dice < 90) {
            return new CancelStep(script.nextInt(1_000));
        }
        return new PauseStep(200 + script.nextInt(1_300));
    }

    private void play(List<Step> steps) throws Exception {
        ExecutorService buyers = Executors.newFixedThreadPool(BUYERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Step step : steps) {
                done.add(buyers.submit(() -> {
                    perform(step);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            buyers.shutdownNow();
        }
    }

    private void perform(Step step) throws Exception {
        if (step instanceof PlaceStep place) {
            placeOrder(place);
        } else if (step instanceof RestockStep restock) {
            Product product = products.get(restock.product());
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products/" + product.id() + "/stock"))
                    .header("Content-Type", "application/json").header("Authorization", bearer(admin("ops")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"delta\": " + restock.delta() + "}")));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            restocked.get(product.id()).addAndGet(restock.delta());
        } else if (step instanceof PayStep pay) {
            Placed order = pick(pay.pick());
            if (order != null) {
                pay(order, "psp-" + order.orderId() + "-" + pay.pick());
            }
        } else if (step instanceof CancelStep cancel) {
            Placed order = pick(cancel.pick());
            if (order != null) {
                cancel(order);
            }
        } else if (step instanceof PauseStep pause) {
            Thread.sleep(pause.millis());
        }
    }

    private void placeOrder(PlaceStep step) throws Exception {
        Map<String, Integer> lines = new LinkedHashMap<>();
        long total = 0;
        List<String> items = new ArrayList<>();
        for (Map.Entry<Integer, Integer> line : step.quantities().entrySet()) {
            Product product = products.get(line.getKey());
            lines.put(product.id(), line.getValue());
            total += product.price() * line.getValue();
            items.add("{\"productId\": \"%s\", \"quantity\": %d}".formatted(product.id(), line.getValue()));
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders"))
                .header("Content-Type", "application/json").header("Authorization", bearer(buyer(step.customerId())))
                .POST(HttpRequest.BodyPublishers.ofString("{\"items\": [" + String.join(", ", items) + "]}")));
        count("place " + response.statusCode());
        // 409: a product this instance knows to be sold out; nothing was placed.
        assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
        if (response.statusCode() == 202) {
            placed.add(new Placed(JsonPath.read(response.body(), "$.orderId"), step.customerId(), lines, total));
        }
    }

    private void pay(Placed order, String reference) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders/" + order.orderId() + "/payment"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(buyer(order.customerId())))
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": %d, \"paymentReference\": \"%s\"}"
                        .formatted(order.total(), reference))));
        count("pay " + response.statusCode());
        // 202: the aggregator had not answered within the API's wait; the order tells later.
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202, 409);
        if (response.statusCode() == 200) {
            assertThat((String) JsonPath.read(response.body(), "$.status")).isEqualTo("PAID");
            paidFor.computeIfAbsent(order.orderId(), id -> new CopyOnWriteArrayList<>()).add(reference);
        }
        if (response.statusCode() == 409) {
            assertThat((String) JsonPath.read(response.body(), "$.currentStatus")).isNotEqualTo("ACCEPTED");
        }
    }

    private void cancel(Placed order) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/orders/" + order.orderId() + "/cancel"))
                .header("Authorization", bearer(buyer(order.customerId())))
                .POST(HttpRequest.BodyPublishers.noBody()));
        count("cancel " + response.statusCode());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 202, 409);
        if (response.statusCode() == 200) {
            assertThat((String) JsonPath.read(response.body(), "$.status")).isEqualTo("CANCELLED");
        }
        if (response.statusCode() == 409) {
            assertThat((String) JsonPath.read(response.body(), "$.currentStatus"))
                    .isIn("REJECTED", "PAID", "CANCELLED", "EXPIRED");
        }
    }

    /** Pays every other accepted order and cancels the rest, so that every order ends final. */
    private void settleEveryAcceptedOrder() throws Exception {
        int i = 0;
        for (Placed order : placed) {
            if (status(order.orderId()) == OrderStatus.ACCEPTED) {
                if (i++ % 2 == 0) {
                    pay(order, "psp-final-" + order.orderId());
                } else {
                    cancel(order);
                }
            }
        }
    }

    private Map<String, OrderStatus> awaitEveryOrderFinal() {
        await().atMost(SETTLE_TIMEOUT).untilAsserted(() -> assertThat(statuses().values())
                .allMatch(OrderStatus::isFinal));
        return statuses();
    }

    /**
     * Waits for a settled point and checks the invariants there. Until every pending order is decided, every release
     * applied and every overdue order expired, the read model legitimately lags the log, so the check is retried;
     * a broken invariant never settles and fails with the last difference.
     */
    private void awaitSettledAndCheck(String point) {
        await().atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, OrderStatus> statuses = statuses();
            assertThat(statuses.values()).as("%s: orders still pending", point).doesNotContain(OrderStatus.PENDING);
            Map<String, Integer> held = new HashMap<>();
            Map<String, Integer> sold = new HashMap<>();
            Map<String, Integer> holdings = new HashMap<>();
            for (Placed order : placed) {
                OrderStatus status = statuses.get(order.orderId());
                order.lines().forEach((product, quantity) -> {
                    if (status == OrderStatus.ACCEPTED) {
                        held.merge(product, quantity, Integer::sum);
                    } else if (status == OrderStatus.PAID) {
                        sold.merge(product, quantity, Integer::sum);
                    }
                    if (status == OrderStatus.ACCEPTED || status == OrderStatus.PAID) {
                        holdings.merge(product + "/" + order.customerId(), quantity, Integer::sum);
                    }
                });
            }
            Map<String, Integer> levels = latestLevels();
            for (Product product : products) {
                int supplied = product.initialStock() + restocked.get(product.id()).get();
                int available = available(product.id());
                int heldUnits = held.getOrDefault(product.id(), 0);
                int soldUnits = sold.getOrDefault(product.id(), 0);
                assertThat(available + heldUnits + soldUnits)
                        .as("%s, seed %d: product %s: stock %d + restocks %d vs available %d + held %d + sold %d",
                                point, SEED, product.id(), product.initialStock(), supplied - product.initialStock(),
                                available, heldUnits, soldUnits)
                        .isEqualTo(supplied);
                assertThat(levels.get(product.id())).as("%s: the processor's last stock level of %s", point,
                        product.id()).isEqualTo(available);
                if (product.maxPerCustomer() != null) {
                    for (int c = 0; c < CUSTOMERS; c++) {
                        assertThat(holdings.getOrDefault(product.id() + "/buyer-" + c, 0))
                                .as("%s, seed %d: buyer-%d's units of %s", point, SEED, c, product.id())
                                .isLessThanOrEqualTo(product.maxPerCustomer());
                    }
                }
            }
        });
    }

    /** What the log says happened to every order: one final status each, releases exactly once, payments honoured. */
    private void checkTheLog(Map<String, OrderStatus> finals) {
        Map<String, List<OrderStatusChanged>> changes = new HashMap<>();
        for (ConsumerRecord<String, OrderLifecycleEvent> record : readAll(bootstrapServers, Topics.ORDER_LIFECYCLE)) {
            if (record.value() instanceof OrderStatusChanged change) {
                changes.computeIfAbsent(change.orderId().value(), id -> new ArrayList<>()).add(change);
            }
        }
        // The broker is shared with other test classes: only this script's orders are its to check.
        Set<String> ours = placed.stream().map(Placed::orderId).collect(Collectors.toSet());
        Map<String, Integer> releases = new HashMap<>();
        for (ConsumerRecord<String, OrderRequestEvent> record : readAll(bootstrapServers, Topics.ORDER_REQUESTS)) {
            if (record.value() instanceof UnitsReleased released && ours.contains(released.orderId().value())) {
                releases.merge(released.orderId().value() + "/" + released.productId().value(), 1, Integer::sum);
            }
        }
        assertThat(releases.values()).as("releases per order line").allMatch(count -> count == 1);
        Map<String, List<String>> reserved = new HashMap<>();
        for (ConsumerRecord<String, OrderResult> record : readAll(bootstrapServers, Topics.ORDER_RESULTS)) {
            if (record.value() instanceof OrderAccepted accepted) {
                reserved.computeIfAbsent(accepted.orderId().value(), id -> new ArrayList<>())
                        .add(accepted.orderId().value() + "/" + accepted.productId().value());
            }
        }
        for (Placed order : placed) {
            List<OrderStatus> path = changes.getOrDefault(order.orderId(), List.of()).stream()
                    .map(OrderStatusChanged::status).toList();
            assertThat(path.stream().filter(OrderStatus::isFinal)).as("final statuses of %s: %s", order.orderId(),
                    path).hasSize(1);
            assertThat(path.get(path.size() - 1)).as("last status of %s", order.orderId())
                    .isEqualTo(finals.get(order.orderId()));
            assertThat(path).as("status changes of %s", order.orderId()).isIn(
                    List.of(OrderStatus.REJECTED), List.of(OrderStatus.CANCELLED),
                    List.of(OrderStatus.ACCEPTED, OrderStatus.PAID),
                    List.of(OrderStatus.ACCEPTED, OrderStatus.CANCELLED),
                    List.of(OrderStatus.ACCEPTED, OrderStatus.EXPIRED));
            List<String> references = paidFor.getOrDefault(order.orderId(), List.of());
            assertThat(references).as("payments answered 200 for %s", order.orderId()).hasSizeLessThanOrEqualTo(1);
            if (!references.isEmpty()) {
                assertThat(finals.get(order.orderId())).isEqualTo(OrderStatus.PAID);
                assertThat(changes.get(order.orderId()).get(path.size() - 1).paymentReference())
                        .isEqualTo(references.get(0));
            }
            // A paid order keeps every reserved unit; any other gives back exactly the lines that were reserved.
            List<String> released = releases.keySet().stream()
                    .filter(line -> line.startsWith(order.orderId() + "/")).toList();
            if (finals.get(order.orderId()) == OrderStatus.PAID) {
                assertThat(released).as("releases of the paid order %s", order.orderId()).isEmpty();
                assertThat(reserved.get(order.orderId())).hasSize(order.lines().size());
            } else {
                assertThat(released).as("releases of the %s order %s", finals.get(order.orderId()), order.orderId())
                        .containsExactlyInAnyOrderElementsOf(reserved.getOrDefault(order.orderId(), List.of()));
            }
        }
    }

    private Map<String, OrderStatus> statuses() {
        List<String> ids = placed.stream().map(Placed::orderId).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, OrderStatus> statuses = jdbc.sql("SELECT order_id, status FROM orders WHERE order_id IN (:ids)")
                .param("ids", ids)
                .query((row, n) -> Map.entry(row.getString("order_id"), OrderStatus.valueOf(row.getString("status"))))
                .list().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(statuses).as("orders in the read model").hasSize(ids.size());
        return statuses;
    }

    private OrderStatus status(String orderId) {
        return OrderStatus.valueOf(jdbc.sql("SELECT status FROM orders WHERE order_id = ?").param(orderId)
                .query(String.class).single());
    }

    private Map<String, Integer> latestLevels() {
        Map<String, StockLevel> latest = new HashMap<>();
        for (ConsumerRecord<String, StockLevel> record : readAll(bootstrapServers, Topics.STOCK_LEVELS)) {
            latest.merge(record.key(), record.value(),
                    (one, other) -> one.version() >= other.version() ? one : other);
        }
        return latest.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().available()));
    }

    private Placed pick(int pick) {
        List<Placed> soFar = List.copyOf(placed);
        return soFar.isEmpty() ? null : soFar.get(pick % soFar.size());
    }

    private void count(String answer) {
        answers.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
    }

    private int available(String productId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/products/" + productId)).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.available");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
