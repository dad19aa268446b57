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
}
