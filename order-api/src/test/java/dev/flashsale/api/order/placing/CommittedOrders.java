package dev.flashsale.api.order.placing;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderLine;
import dev.flashsale.api.order.status.StatusReached;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pending orders for tests whose writers commit on their own connections, outside a test transaction: each with an ID
 * of its own, remembered so that the test deletes them after. Left behind, these committed, unpublished rows would be
 * published by the unpublished-order sweeper of the next test application on this database.
 */
final class CommittedOrders {

    static final Instant PLACED_AT = Instant.now().truncatedTo(ChronoUnit.MICROS);

    private final List<String> written = new ArrayList<>();

    Order order(String customerId, String idempotencyKey, OrderLine... lines) {
        String orderId = UUID.randomUUID().toString();
        written.add(orderId);
        return new Order(new OrderId(orderId), new CustomerId(customerId), OrderStatus.PENDING, null, idempotencyKey,
                idempotencyKey == null ? null : "f".repeat(64), false, PLACED_AT, PLACED_AT, List.of(lines), 0, null,
                null, null, null, List.of(new StatusReached(OrderStatus.PENDING, PLACED_AT)));
    }

    List<String> ids() {
        return List.copyOf(written);
    }

    void deleteAll(JdbcClient jdbc) {
        if (!written.isEmpty()) {
            jdbc.sql("DELETE FROM orders WHERE order_id IN (:ids)").param("ids", written).update();
        }
    }
}
