package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A product was created with its initial stock. Until the inventory processor has seen this event, the product is
 * unknown to it and orders for it are rejected with {@link RejectionReason#UNKNOWN_PRODUCT}.
 *
 * @param initialUnits units on sale, zero or more
 */
public record ProductStocked(UUID eventId, ProductId productId, int initialUnits, Instant occurredAt)
        implements StockAdjustment {

    public ProductStocked {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (initialUnits < 0) {
            throw new IllegalArgumentException("initialUnits must not be negative but was " + initialUnits);
        }
    }

    @Override
    public int units() {
        return initialUnits;
    }
}
