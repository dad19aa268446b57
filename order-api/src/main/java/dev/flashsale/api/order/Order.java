package dev.flashsale.api.order;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An order as the read model knows it, with its lines.
 *
 * @param reason         why it was rejected: a {@code RejectionReason} name, kept as text so that reasons added
 *                       later are shown rather than refused
 * @param idempotencyKey the client's key for retries, unique per customer; null if none was given
 * @param published      whether Kafka acknowledged the order's request; false only while a publication is in flight,
 *                       or after it failed and before the client's retry
 */
@Table("orders")
public record Order(
        @Id String orderId,
        String customerId,
        OrderStatus status,
        String reason,
        String idempotencyKey,
        boolean published,
        Instant createdAt,
        Instant updatedAt,
        @MappedCollection(idColumn = "order_id", keyColumn = "line_no") List<OrderLine> lines) {

    public Order {
        lines = List.copyOf(lines);
    }

    static Order place(CustomerId customerId, String idempotencyKey, List<OrderLine> lines, Instant now) {
        return new Order(OrderId.random().value(), customerId.value(), OrderStatus.PENDING, null, idempotencyKey,
                false, now, now, lines);
    }

    Order asPublished() {
        return new Order(orderId, customerId, status, reason, idempotencyKey, true, createdAt, updatedAt, lines);
    }

    /**
     * The events that ask the processor to decide this order, one per line. A re-send keeps the order id and gets
     * new event ids; the processor decides each order id once.
     */
    List<OrderLineRequested> requests() {
        return lines.stream()
                .map(line -> new OrderLineRequested(UUID.randomUUID(), new OrderId(orderId),
                        new CustomerId(customerId), new ProductId(line.productId()), line.quantity(), createdAt))
                .toList();
    }
}
