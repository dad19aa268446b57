package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The units were reserved: the product's available stock went down by {@code quantity}.
 *
 * @param paymentWindow how long the buyer has to pay for these units from the moment the whole order is accepted:
 *                      the product's window when the units were reserved. Absent from events written before payment
 *                      deadlines existed; such orders were sales already and have no deadline.
 * @param lineCount     the order's number of lines, copied from the request; absent means one
 */
public record OrderAccepted(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        Instant requestedAt,
        Instant occurredAt,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Duration paymentWindow,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Integer lineCount) implements OrderResult {

    public OrderAccepted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        OrderResult.requirePositive(quantity);
        PaymentWindowSet.requireValidWindow(paymentWindow);
        OrderLineRequested.requireLineCount(lineCount);
    }

    /** An acceptance as it was written before carts and payment deadlines. */
    public OrderAccepted(UUID eventId, OrderId orderId, CustomerId customerId, ProductId productId, int quantity,
            Instant requestedAt, Instant occurredAt) {
        this(eventId, orderId, customerId, productId, quantity, requestedAt, occurredAt, null, null);
    }
}
