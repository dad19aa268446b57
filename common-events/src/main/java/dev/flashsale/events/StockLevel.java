package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The units of a product available after a change: the value of the compacted {@link Topics#STOCK_LEVELS} topic,
 * keyed by product ID. Never negative.
 *
 * @param version    grows by one with every change of the product's stock; a projection keeps the highest it saw,
 *                   so a replayed or reordered update never moves a product's stock backwards
 * @param occurredAt when the change was decided
 */
public record StockLevel(ProductId productId, int available, long version, Instant occurredAt) {

    public StockLevel {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative but was " + available);
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive but was " + version);
        }
    }
}
