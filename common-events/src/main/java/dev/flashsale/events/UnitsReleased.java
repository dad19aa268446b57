package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Units an order line had reserved go back on sale, and stop counting against the buyer's per-customer limit. Sent by
 * the order aggregator, exactly once per reserved line it releases, on {@link Topics#ORDER_REQUESTS} keyed by product
 * ID, so that the release is applied on the partition that owns the product's stock, in order with its requests.
 *
 * @param quantity the units the line had reserved ({@link OrderAccepted#quantity()})
 */
public record UnitsReleased(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        ReleaseCause cause,
        Instant occurredAt) implements OrderRequestEvent {

    public UnitsReleased {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(occurredAt, "occurredAt");
        OrderResult.requirePositive(quantity);
    }
}
