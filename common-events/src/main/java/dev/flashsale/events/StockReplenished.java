package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator added units to a known product.
 *
 * @param delta units added, at least one
 */
public record StockReplenished(UUID eventId, ProductId productId, int delta, Instant occurredAt)
        implements StockAdjustment {

    public static final int MAX_DELTA = 1_000_000;

    public StockReplenished {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (delta < 1 || delta > MAX_DELTA) {
            throw new IllegalArgumentException("delta must be between 1 and " + MAX_DELTA + " but was " + delta);
        }
    }

    @Override
    public int units() {
        return delta;
    }
}
