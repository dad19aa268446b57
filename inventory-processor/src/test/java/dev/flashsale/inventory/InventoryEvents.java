package dev.flashsale.inventory;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.PurchaseLimitSet;
import dev.flashsale.events.StockReplenished;
import java.time.Instant;
import java.util.UUID;

/** Events as the other services would publish them, with fresh eventIds. */
public final class InventoryEvents {

    public static final Instant REQUESTED_AT = Instant.parse("2026-03-01T09:00:00Z");

    private InventoryEvents() {
    }

    public static OrderLineRequested orderLine(String productId, String orderId, int quantity) {
        return new OrderLineRequested(UUID.randomUUID(), new OrderId(orderId), new CustomerId("customer-" + orderId),
                new ProductId(productId), quantity, REQUESTED_AT);
    }

    /** What the order API sends when it did not see a result: the same order under a new eventId. */
    public static OrderLineRequested resent(OrderLineRequested original) {
        return new OrderLineRequested(UUID.randomUUID(), original.orderId(), original.customerId(),
                original.productId(), original.quantity(), original.occurredAt());
    }

    public static ProductStocked stocked(String productId, int units) {
        return new ProductStocked(UUID.randomUUID(), new ProductId(productId), units, REQUESTED_AT);
    }

    /** An order line of a named customer, for the per-customer limit. */
    public static OrderLineRequested orderLine(String productId, String orderId, String customerId, int quantity) {
        return new OrderLineRequested(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                new ProductId(productId), quantity, REQUESTED_AT);
    }

    public static ProductStocked stockedWithLimit(String productId, int units, Integer maxPerCustomer) {
        return new ProductStocked(UUID.randomUUID(), new ProductId(productId), units, REQUESTED_AT, "a product", 100L,
                maxPerCustomer);
    }

    public static PurchaseLimitSet limitSet(String productId, Integer maxPerCustomer) {
        return new PurchaseLimitSet(UUID.randomUUID(), new ProductId(productId), maxPerCustomer, REQUESTED_AT);
    }

    public static StockReplenished replenished(String productId, int delta) {
        return new StockReplenished(UUID.randomUUID(), new ProductId(productId), delta, REQUESTED_AT);
    }
}
