package dev.flashsale.api.order;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the read model knows it, with its lines.
 *
 * @param reason         why it was rejected: a {@code RejectionReason} name, kept as text so that reasons added
 *                       later are shown rather than refused
 * @param idempotencyKey the client's key for retries, unique per customer; null if none was given, or once it has
 *                       been kept for its retention period
 * @param requestFingerprint SHA-256 of the request the key was first used with ({@link PlaceOrder#fingerprint()}), so
 *                       that a key reused for another request is recognised; null without a key
 * @param published      whether Kafka acknowledged the order's request; false only while a publication is in flight,
 *                       or after it failed and before the client's retry
 */
public record Order(
        String orderId,
        String customerId,
        OrderStatus status,
        String reason,
        String idempotencyKey,
        String requestFingerprint,
        boolean published,
        Instant createdAt,
        Instant updatedAt,
        List<OrderLine> lines) {

    public Order {
        lines = List.copyOf(lines);
    }

    static Order place(PlaceOrder command, Instant now) {
        List<OrderLine> lines = command.lines().stream()
                .map(line -> new OrderLine(line.productId().value(), line.quantity()))
                .toList();
        return new Order(OrderId.random().value(), command.customerId().value(), OrderStatus.PENDING, null,
                command.idempotencyKey(), command.idempotencyKey() == null ? null : command.fingerprint(), false, now,
                now, lines);
    }

    Order withLines(List<OrderLine> lines) {
        return new Order(orderId, customerId, status, reason, idempotencyKey, requestFingerprint, published, createdAt,
                updatedAt, lines);
    }

    Order asPublished() {
        return new Order(orderId, customerId, status, reason, idempotencyKey, requestFingerprint, true, createdAt,
                updatedAt, lines);
    }

    /** This order as the decision left it. A decided order keeps its first decision, as the read model does. */
    Order decided(Decision decision) {
        if (status != OrderStatus.PENDING) {
            return this;
        }
        return new Order(orderId, customerId, decision.status(), decision.reason(), idempotencyKey,
                requestFingerprint, true, createdAt, decision.decidedAt(), lines);
    }

    public boolean isPending() {
        return status == OrderStatus.PENDING;
    }

    boolean belongsTo(CustomerId customer) {
        return customerId.equals(customer.value());
    }

    /** Whether a retry with this order's Idempotency-Key asks for the same thing; rows older than V2 cannot tell. */
    boolean wasPlacedBy(PlaceOrder retry) {
        return requestFingerprint == null || requestFingerprint.equals(retry.fingerprint());
    }

    /**
     * The events that ask the processor to decide this order, one per line. A re-send keeps the order id and gets
     * new event ids; the processor decides each order id once. They carry the Idempotency-Key so that a rebuild of
     * the read model from the log restores it (the fingerprint is computed again from the lines).
     */
    List<OrderLineRequested> requests() {
        return lines.stream()
                .map(line -> new OrderLineRequested(UUID.randomUUID(), new OrderId(orderId),
                        new CustomerId(customerId), new ProductId(line.productId()), line.quantity(), createdAt,
                        idempotencyKey))
                .toList();
    }
}
