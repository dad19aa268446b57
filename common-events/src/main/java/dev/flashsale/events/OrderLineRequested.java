package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A buyer asked to reserve {@code quantity} units of a product for an order. Published by the order API only after it
 * has recorded the order, and answered by exactly one {@link OrderResult}.
 *
 * @param eventId    unique per publication; a re-send of the same order keeps the {@code orderId}, not the eventId
 * @param orderId    the order this line belongs to; the inventory processor decides each order ID once
 * @param customerId the buyer
 * @param productId  the product, also the record key
 * @param quantity   units wanted, {@value #MIN_QUANTITY}..{@value #MAX_QUANTITY}
 * @param occurredAt when the API accepted the request; the start of the order's end-to-end latency
 */
public record OrderLineRequested(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        Instant occurredAt) implements OrderRequestEvent {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000;

    public OrderLineRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (quantity < MIN_QUANTITY || quantity > MAX_QUANTITY) {
            throw new IllegalArgumentException(
                    "quantity must be between " + MIN_QUANTITY + " and " + MAX_QUANTITY + " but was " + quantity);
        }
    }
}
