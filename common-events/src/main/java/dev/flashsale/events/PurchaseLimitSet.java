package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator set or removed a known product's per-customer purchase limit. It moves no stock; it travels on
 * {@link Topics#STOCK_ADJUSTMENTS} so that it is applied in order with the product's other changes, on the partition
 * where the product's orders are decided.
 *
 * @param maxPerCustomer units one customer may hold in accepted orders of the product, at least one; {@code null}
 *                       removes the limit. Always written, as {@code null} too: its absence would not say which.
 */
public record PurchaseLimitSet(UUID eventId, ProductId productId, Integer maxPerCustomer, Instant occurredAt)
        implements StockAdjustment {

    public static final int MAX_LIMIT = 1_000_000;

    public PurchaseLimitSet {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        requireValidLimit(maxPerCustomer);
    }

    @Override
    public int units() {
        return 0;
    }

    static void requireValidLimit(Integer maxPerCustomer) {
        if (maxPerCustomer != null && (maxPerCustomer < 1 || maxPerCustomer > MAX_LIMIT)) {
            throw new IllegalArgumentException(
                    "maxPerCustomer must be between 1 and " + MAX_LIMIT + " but was " + maxPerCustomer);
        }
    }
}
