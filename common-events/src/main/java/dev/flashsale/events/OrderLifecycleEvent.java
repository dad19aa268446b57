package dev.flashsale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Events of the {@link Topics#ORDER_LIFECYCLE} stream, keyed by order ID: the order aggregator's decisions on whole
 * orders. The order's status is the {@link OrderStatusChanged#status()} of its latest status change. Read with
 * {@code isolation.level=read_committed}.
 */
public sealed interface OrderLifecycleEvent permits OrderStatusChanged, OrderCommandRefused {

    UUID eventId();

    OrderId orderId();

    CustomerId customerId();

    Instant occurredAt();
}
