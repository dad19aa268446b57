package dev.flashsale.api.order.readmodel;

import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.api.PostgresJdbcTest;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.order.maintenance.IdempotencySettings;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rebuild's orders from their requests, on the real PostgreSQL. */
@PostgresJdbcTest
class OrderRequestProjectionTest {

    private static final Instant PLACED_AT = Instant.parse("2025-11-26T21:26:00.000001Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NamedParameterJdbcTemplate batches;

    @Test
    void makesThePendingOrderWithItsLinesAndFingerprintsAKeyedCartOnceItsLastLineIsIn() {
        OrderRequestProjection projection = new OrderRequestProjection(jdbc, batches,
                new IdempotencySettings(Duration.ofDays(1), Duration.ofHours(1)),
                Clock.fixed(PLACED_AT.plusSeconds(60), ZoneOffset.UTC));
        OrderId order = new OrderId(uniqueId("o"));
        CustomerId buyer = new CustomerId(uniqueId("c"));
        ProductId phone = new ProductId(uniqueId("p"));
        ProductId mug = new ProductId(uniqueId("p"));

        projection.write(List.of(
                new OrderLineRequested(UUID.randomUUID(), order, buyer, phone, 1, PLACED_AT, "key-1", 2)));
        assertThat(fingerprint(order)).isNull();
        projection.write(List.of(
                new OrderLineRequested(UUID.randomUUID(), order, buyer, mug, 3, PLACED_AT, "key-1", 2),
                new OrderLineRequested(UUID.randomUUID(), order, buyer, phone, 1, PLACED_AT, "key-1", 2)));

        assertThat(jdbc.sql("SELECT status, idempotency_key FROM orders WHERE order_id = ?").param(order.value())
                .query().singleRow()).isEqualTo(Map.of("status", "PENDING", "idempotency_key", "key-1"));
        assertThat(jdbc.sql("SELECT product_id FROM order_lines WHERE order_id = ? ORDER BY line_no")
                .param(order.value()).query(String.class).list()).containsExactly(phone.value(), mug.value());
        assertThat(fingerprint(order)).isEqualTo(new PlaceOrder(buyer, "key-1",
                List.of(new PlaceOrder.Line(phone, 1), new PlaceOrder.Line(mug, 3))).fingerprint());
    }

    private String fingerprint(OrderId order) {
        return jdbc.sql("SELECT request_fingerprint FROM orders WHERE order_id = ?").param(order.value())
                .query(String.class).list().get(0);
    }
}
