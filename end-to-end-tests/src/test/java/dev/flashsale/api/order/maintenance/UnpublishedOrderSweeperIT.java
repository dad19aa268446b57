package dev.flashsale.api.order.maintenance;

import static dev.flashsale.api.KafkaTestSupport.readAll;
import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.api.InventoryProcessorBesideTheApi;
import dev.flashsale.api.KafkaTestSupport;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Orders left PENDING and unpublished by an API instance that died between recording them and hearing Kafka's
 * acknowledgement are published again, once, and decided once, whether or not their first request had landed; with
 * several instances sweeping the same table, each such order is republished by one of them, once.
 */
// Statuses come from the order aggregator (flashsale.order-lifecycle), which must run beside the API.
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
@TestPropertySource(properties = {
        // Just over the publish timeout (5 s), and well below the default that other test contexts use, so rows this
        // class leaves unpublished are this context's to sweep. Small batches, so that sweeps at once take turns.
        "flashsale.unpublished-orders.grace=6s", "flashsale.unpublished-orders.sweep-interval=500ms",
        "flashsale.unpublished-orders.batch-size=5" })
// Closed after the class: its short grace must not sweep rows that other test classes leave unpublished on purpose.
@DirtiesContext
class UnpublishedOrderSweeperIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Autowired
    ProductCatalog catalog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SmartLifecycle inventoryProcessor;

    @Autowired
    UnpublishedOrderSweeper sweeper;

    @Test
    void publishesOrdersACrashLeftUnpublishedOnceAndEachIsDecidedOnce() throws Exception {
        String productId = catalog.create("Swept lamp", 500, 10).id();
        await().atMost(TIMEOUT).until(() -> stockVersion(productId) > 0);
        // Held back until both orders are republished, so that the re-send of the order whose request had landed
        // reaches the processor before its decision could mark the row published.
        inventoryProcessor.stop();
        // Buyers of this run only: a row an earlier run left with the same buyer and key would refuse the insert.
        String lostBuyer = uniqueId("c-lost");
        String landedBuyer = uniqueId("c-landed");
        String neverSent = unpublishedOrder(lostBuyer, productId, 1, "crash-1");
        String landed = unpublishedOrder(landedBuyer, productId, 2, null);
        sendRequestAsTheApiDid(landed, landedBuyer, productId, 2);

        await().atMost(TIMEOUT).until(() -> isPublished(neverSent) && isPublished(landed));
        assertThat(requestsFor(neverSent)).as("the lost request, sent once").hasSize(1).allSatisfy(request ->
                assertThat(((OrderLineRequested) request).idempotencyKey()).isEqualTo("crash-1"));
        assertThat(requestsFor(landed)).as("the landed request and its re-send").hasSize(2);
        inventoryProcessor.start();

        await().atMost(TIMEOUT).until(() -> status(neverSent).equals("ACCEPTED") && status(landed).equals("ACCEPTED"));
        List<OrderResult> results = readAll(bootstrapServers, Topics.ORDER_RESULTS).stream()
                .map(ConsumerRecord::value).filter(result -> result.productId().value().equals(productId)).toList();
        assertThat(results).extracting(result -> result.orderId().value())
                .containsExactlyInAnyOrder(neverSent, landed);
        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(OrderAccepted.class));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(available(productId)).isEqualTo(10 - 1 - 2));
        assertThat(requestsFor(neverSent)).as("published once, not again after it was marked").hasSize(1);
    }

    @Test
    void twoSweepsAtOnceRepublishEveryOrderOnce() throws Exception {
        // Past this context's grace, still within the default one of other test contexts. The scheduled sweep is a
        // third instance.
        Instant crashedAt = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MICROS);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            orderIds.add(unpublishedOrder(uniqueId("c"), "p-" + UUID.randomUUID(), 1, null, crashedAt));
        }

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(sweeper::sweep, instances),
                    CompletableFuture.runAsync(sweeper::sweep, instances)).get();
        } finally {
            instances.shutdownNow();
        }

        // The scheduled sweep may still be publishing a batch it took while the two others skipped its rows.
        await().atMost(TIMEOUT).until(() -> jdbc.sql(
                "SELECT count(*) FROM orders WHERE order_id IN (:ids) AND published").param("ids", orderIds)
                .query(Long.class).single() == orderIds.size());
        Map<String, Long> requestsPerOrder = readAll(bootstrapServers, Topics.ORDER_REQUESTS).stream()
                .map(ConsumerRecord::value).map(request -> request.orderId().value())
                .filter(orderIds::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(requestsPerOrder).containsOnlyKeys(orderIds).allSatisfy((orderId, requests) ->
                assertThat(requests).as("requests of %s", orderId).isEqualTo(1));
    }

    @Test
    void leavesAnOrderYoungerThanTheGraceToTheRequestThatPlacedIt() {
        String orderId = unpublishedOrder(uniqueId("c-young"), "p-" + UUID.randomUUID(), 1, null, Instant.now());

        sweeper.sweep();

        assertThat(isPublished(orderId)).isFalse();
        // Gone before the scheduled sweep could find it past the grace, so that the log shows this sweep's doing.
        jdbc.sql("DELETE FROM orders WHERE order_id = ?").param(orderId).update();
        assertThat(readAll(bootstrapServers, Topics.ORDER_REQUESTS)).extracting(ConsumerRecord::value)
                .extracting(OrderRequestEvent::orderId).noneMatch(id -> id.value().equals(orderId));
    }

    /** As an API instance leaves an order when it dies between the insert and the mark: PENDING, unpublished. */
    private String unpublishedOrder(String customerId, String productId, int quantity, String idempotencyKey) {
        return unpublishedOrder(customerId, productId, quantity, idempotencyKey, Instant.now());
    }

    private String unpublishedOrder(String customerId, String productId, int quantity, String idempotencyKey,
            Instant placedAt) {
        String orderId = UUID.randomUUID().toString();
        OffsetDateTime at = placedAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, idempotency_key, published, created_at, updated_at)
                VALUES (?, ?, 'PENDING', ?, FALSE, ?, ?)""")
                .params(orderId, customerId, idempotencyKey, at, at).update();
        jdbc.sql("INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (?, 0, ?, ?)")
                .params(orderId, productId, quantity).update();
        return orderId;
    }

    private void sendRequestAsTheApiDid(String orderId, String customerId, String productId, int quantity)
            throws Exception {
        try (KafkaProducer<String, OrderRequestEvent> producer = KafkaTestSupport.producer(bootstrapServers,
                Topics.ORDER_REQUESTS)) {
            producer.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), productId,
                    new OrderLineRequested(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                            new ProductId(productId), quantity, Instant.now()))).get();
        }
    }

    private List<OrderRequestEvent> requestsFor(String orderId) {
        return readAll(bootstrapServers, Topics.ORDER_REQUESTS).stream().map(ConsumerRecord::value)
                .filter(request -> request.orderId().value().equals(orderId)).toList();
    }

    private boolean isPublished(String orderId) {
        return jdbc.sql("SELECT published FROM orders WHERE order_id = ?").param(orderId).query(Boolean.class)
                .single();
    }

    private String status(String orderId) {
        return jdbc.sql("SELECT status FROM orders WHERE order_id = ?").param(orderId).query(String.class).single();
    }

    private long stockVersion(String productId) {
        return jdbc.sql("SELECT stock_version FROM products WHERE id = ?").param(productId).query(Long.class).single();
    }

    private int available(String productId) {
        return jdbc.sql("SELECT available FROM products WHERE id = ?").param(productId).query(Integer.class).single();
    }
}
