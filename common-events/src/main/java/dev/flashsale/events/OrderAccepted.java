package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The units were reserved: the product's available stock went down by {@code quantity}. */
public record OrderAccepted(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        Instant requestedAt,
        Instant occurredAt) implements OrderResult {

    public OrderAccepted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        OrderResult.requirePositive(quantity);
    }
}
