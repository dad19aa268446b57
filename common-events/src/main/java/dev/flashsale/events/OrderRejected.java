package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Nothing was reserved, for the given reason.
 *
 * @param lineCount the order's number of lines, copied from the request; absent means one
 */
public record OrderRejected(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        RejectionReason reason,
        Instant requestedAt,
        Instant occurredAt,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Integer lineCount) implements OrderResult {

    public OrderRejected {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        OrderResult.requirePositive(quantity);
        OrderLineRequested.requireLineCount(lineCount);
    }

    /** A rejection as it was written before carts. */
    public OrderRejected(UUID eventId, OrderId orderId, CustomerId customerId, ProductId productId, int quantity,
            RejectionReason reason, Instant requestedAt, Instant occurredAt) {
        this(eventId, orderId, customerId, productId, quantity, reason, requestedAt, occurredAt, null);
    }
}
