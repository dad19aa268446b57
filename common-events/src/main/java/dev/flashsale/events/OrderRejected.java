package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Nothing was reserved, for the given reason. */
public record OrderRejected(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        RejectionReason reason,
        Instant requestedAt,
        Instant occurredAt) implements OrderResult {

    public OrderRejected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        OrderResult.requirePositive(quantity);
    }
}
