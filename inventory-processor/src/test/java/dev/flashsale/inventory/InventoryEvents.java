package dev.flashsale.inventory;

import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.PaymentWindowSet;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.PurchaseLimitSet;
import dev.flashsale.events.ReleaseCause;
import dev.flashsale.events.StockReplenished;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
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

    /** One line of a cart of {@code lineCount} lines, bought by {@code customerId}. */
    public static OrderLineRequested cartLine(String productId, String orderId, String customerId, int quantity,
            int lineCount) {
        return new OrderLineRequested(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                new ProductId(productId), quantity, REQUESTED_AT, null, lineCount);
    }

    public static ProductStocked stockedWithWindow(String productId, int units, Duration paymentWindow) {
        return new ProductStocked(UUID.randomUUID(), new ProductId(productId), units, REQUESTED_AT, "a product", 100L,
                null, paymentWindow);
    }

    public static ProductStocked stockedWithLimitAndWindow(String productId, int units, int maxPerCustomer,
            Duration paymentWindow) {
        return new ProductStocked(UUID.randomUUID(), new ProductId(productId), units, REQUESTED_AT, "a product", 100L,
                maxPerCustomer, paymentWindow);
    }

    public static PaymentWindowSet windowSet(String productId, Duration paymentWindow) {
        return new PaymentWindowSet(UUID.randomUUID(), new ProductId(productId), paymentWindow, REQUESTED_AT);
    }

    public static PaymentSubmitted payment(String orderId, String customerId) {
        return new PaymentSubmitted(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId), 4_200,
                "psp-" + orderId, REQUESTED_AT);
    }

    public static CancellationRequested cancellation(String orderId, String customerId) {
        return new CancellationRequested(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                REQUESTED_AT);
    }

    public static UnitsReleased released(String productId, String orderId, String customerId, int quantity) {
        return new UnitsReleased(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                new ProductId(productId), quantity, ReleaseCause.CANCELLED, REQUESTED_AT);
    }

    public static StockReplenished replenished(String productId, int delta) {
        return new StockReplenished(UUID.randomUUID(), new ProductId(productId), delta, REQUESTED_AT);
    }
}
