package dev.flashsale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Events of the {@link Topics#ORDER_RESULTS} stream, keyed by order ID: the inventory processor's one decision on
 * an order line. Read them with {@code isolation.level=read_committed}: the processor writes them in transactions.
 */
public sealed interface OrderResult permits OrderAccepted, OrderRejected {

    UUID eventId();

    OrderId orderId();

    CustomerId customerId();

    ProductId productId();

    int quantity();

    /** When the order API accepted the request ({@link OrderLineRequested#occurredAt()}). */
    Instant requestedAt();

    /** When the processor decided; {@code decidedAt - requestedAt} is the server-side time to a final status. */
    Instant occurredAt();

    /** The order's number of lines as the request said; null (one) for events written before carts. */
    Integer lineCount();

    /** The order's number of lines; one for events written before carts. */
    default int lines() {
        return lineCount() == null ? 1 : lineCount();
    }

    /**
     * A decision on no units, or on a negative number of them, cannot come from the processor: such a record is
     * refused when it is read (a dead letter), before it could mark a pending order decided.
     */
    static void requirePositive(int quantity) {
        if (quantity < OrderLineRequested.MIN_QUANTITY) {
            throw new IllegalArgumentException("quantity must be positive but was " + quantity);
        }
    }
}
