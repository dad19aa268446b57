package dev.flashsale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Events of the {@link Topics#ORDER_REQUESTS} stream, keyed by product ID so that every request for one product is
 * decided on one partition, one at a time: order lines to reserve, and reserved units to release.
 */
public sealed interface OrderRequestEvent permits OrderLineRequested, UnitsReleased {

    UUID eventId();

    OrderId orderId();

    ProductId productId();

    Instant occurredAt();
}
