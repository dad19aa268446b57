package dev.flashsale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Events of the {@link Topics#STOCK_ADJUSTMENTS} stream: changes to a product's stock, and to the rules of its sale,
 * that do not come from orders.
 * Keyed by product ID and co-partitioned with {@link Topics#ORDER_REQUESTS}, so both meet in the same task and store.
 */
public sealed interface StockAdjustment permits ProductStocked, StockReplenished, PurchaseLimitSet,
        PaymentWindowSet {

    UUID eventId();

    ProductId productId();

    Instant occurredAt();

    /** Units this adjustment adds to the available stock. */
    int units();
}
