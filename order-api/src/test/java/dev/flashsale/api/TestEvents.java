package dev.flashsale.api;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Events as the inventory processor would emit them, with everything a test does not care about filled in. */
public final class TestEvents {

    public static final Instant REQUESTED_AT = Instant.parse("2025-11-26T21:26:00.000001Z");
    public static final Instant DECIDED_AT = REQUESTED_AT.plus(15, ChronoUnit.MILLIS);

    private TestEvents() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static OrderAccepted accepted(String orderId, String customerId, String productId, int quantity) {
        return new OrderAccepted(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                new ProductId(productId), quantity, REQUESTED_AT, DECIDED_AT);
    }

    public static OrderRejected rejected(String orderId, String customerId, String productId, int quantity,
            RejectionReason reason) {
        return new OrderRejected(UUID.randomUUID(), new OrderId(orderId), new CustomerId(customerId),
                new ProductId(productId), quantity, reason, REQUESTED_AT, DECIDED_AT);
    }

    /** The order aggregator's acceptance of a whole order, due for payment ten minutes after it was decided. */
    public static OrderStatusChanged orderAccepted(String orderId, String customerId) {
        return OrderStatusChanged.accepted(new OrderId(orderId), new CustomerId(customerId), DECIDED_AT,
                DECIDED_AT.plus(10, ChronoUnit.MINUTES));
    }

    public static OrderStatusChanged orderRejected(String orderId, String customerId, String productId,
            RejectionReason reason) {
        return OrderStatusChanged.rejected(new OrderId(orderId), new CustomerId(customerId), DECIDED_AT, reason,
                new ProductId(productId));
    }

    public static StockLevel stockLevel(String productId, int available, long version) {
        return new StockLevel(new ProductId(productId), available, version, DECIDED_AT);
    }
}
