package dev.flashsale.api.order.maintenance;

import static dev.flashsale.api.KafkaTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.KafkaTestSupport;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.Topics;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Several API instances sweep the same table: each unpublished order must be republished by one of them, once. Two
 * sweeps run at once here, each in its own transaction on its own connection, as two instances would.
 */
@WholeOrderApiTest
@TestPropertySource(properties = {
        // The scheduled sweep stays out of the way (its first run is an hour away); small batches, so that the two
        // sweeps take turns over several of them.
        "flashsale.unpublished-orders.grace=6s", "flashsale.unpublished-orders.sweep-interval=1h",
        "flashsale.unpublished-orders.batch-size=5" })
// Closed after the class: its short grace must not sweep rows that other test classes leave unpublished on purpose.
@DirtiesContext
class UnpublishedOrderSweeperConcurrencyTest {

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Autowired
    UnpublishedOrderSweeper sweeper;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoSweepsAtOnceRepublishEveryOrderOnce() throws Exception {
        // Past this context's grace, still within the default one of other test contexts.
        Instant crashedAt = Instant.now().minusSeconds(10).truncatedTo(ChronoUnit.MICROS);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            orderIds.add(unpublishedOrder("c-" + i, "p-" + UUID.randomUUID(), crashedAt));
        }

        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(sweeper::sweep, instances),
                    CompletableFuture.runAsync(sweeper::sweep, instances)).get();
        } finally {
            instances.shutdownNow();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE order_id IN (:ids) AND published")
                .param("ids", orderIds).query(Long.class).single()).isEqualTo(orderIds.size());
        Map<String, Long> requestsPerOrder = readAll(bootstrapServers, Topics.ORDER_REQUESTS).stream()
                .map(ConsumerRecord::value).map(request -> request.orderId().value())
                .filter(orderIds::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(requestsPerOrder).containsOnlyKeys(orderIds).allSatisfy((orderId, requests) ->
                assertThat(requests).as("requests of %s", orderId).isEqualTo(1));
    }

    @Test
    void leavesAnOrderYoungerThanTheGraceToTheRequestThatPlacedIt() {
        String orderId = unpublishedOrder("c-young", "p-" + UUID.randomUUID(), Instant.now());

        sweeper.sweep();

        assertThat(jdbc.sql("SELECT published FROM orders WHERE order_id = ?").param(orderId).query(Boolean.class)
                .single()).isFalse();
        assertThat(readAll(bootstrapServers, Topics.ORDER_REQUESTS)).extracting(ConsumerRecord::value)
                .extracting(OrderRequestEvent::orderId).noneMatch(id -> id.value().equals(orderId));
        jdbc.sql("DELETE FROM orders WHERE order_id = ?").param(orderId).update();
    }

    private String unpublishedOrder(String customerId, String productId, Instant createdAt) {
        String orderId = UUID.randomUUID().toString();
        OffsetDateTime at = createdAt.atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, published, created_at, updated_at)
                VALUES (?, ?, 'PENDING', FALSE, ?, ?)""").params(orderId, customerId, at, at).update();
        jdbc.sql("INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (?, 0, ?, 1)")
                .params(orderId, productId).update();
        return orderId;
    }
}
