package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The buyer asked to cancel a pending or accepted order. */
public record CancellationRequested(UUID eventId, OrderId orderId, CustomerId customerId, Instant occurredAt)
        implements OrderCommand {

    public CancellationRequested {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
