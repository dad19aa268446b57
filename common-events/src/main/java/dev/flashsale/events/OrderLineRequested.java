package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param idempotencyKey the buyer's {@code Idempotency-Key} for the order, if one was given, so that the order API's
 *                   read model can be rebuilt from the log with it; absent from events written before it was added
 * @param lineCount  how many lines (distinct products) the order has, 1..{@value #MAX_LINES}, so that the order
 *                   aggregator knows when it has heard of every line; absent means one (events written before carts)
 */
public record OrderLineRequested(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        ProductId productId,
        int quantity,
        Instant occurredAt,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) String idempotencyKey,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Integer lineCount) implements OrderRequestEvent {

    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 10_000;
    /** As long as the order API accepts an {@code Idempotency-Key} header. */
    public static final int MAX_IDEMPOTENCY_KEY = 128;
    /** Lines of one order (a cart), each for another product. */
    public static final int MAX_LINES = 50;

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
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new IllegalArgumentException("idempotencyKey must be 1.." + MAX_IDEMPOTENCY_KEY + " characters");
        }
        requireLineCount(lineCount);
    }

    /** A line of a one-line order, as the event was before carts. */
    public OrderLineRequested(UUID eventId, OrderId orderId, CustomerId customerId, ProductId productId, int quantity,
            Instant occurredAt, String idempotencyKey) {
        this(eventId, orderId, customerId, productId, quantity, occurredAt, idempotencyKey, null);
    }

    /** The order's number of lines; one for events written before carts. */
    public int lines() {
        return lineCount == null ? 1 : lineCount;
    }

    static void requireLineCount(Integer lineCount) {
        if (lineCount != null && (lineCount < 1 || lineCount > MAX_LINES)) {
            throw new IllegalArgumentException("lineCount must be between 1 and " + MAX_LINES + " but was " + lineCount);
        }
    }

    /** A request without an Idempotency-Key, as the event was before it carried one. */
    public OrderLineRequested(UUID eventId, OrderId orderId, CustomerId customerId, ProductId productId, int quantity,
            Instant occurredAt) {
        this(eventId, orderId, customerId, productId, quantity, occurredAt, null, null);
    }
}
