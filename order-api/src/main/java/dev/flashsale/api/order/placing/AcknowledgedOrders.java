package dev.flashsale.api.order.placing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.flashsale.events.OrderId;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The orders whose requests Kafka acknowledged to this instance lately. The request path no longer writes that to
 * the order's row (a second statement and commit per order); the row is marked published when the first result of
 * its lines is projected. Until then, a retry with the same Idempotency-Key that reaches this instance learns here
 * that nothing needs sending again. A retry elsewhere, or after this memory let go, sends the order again, which is
 * safe: the processor decides each order ID once.
 */
@Component
public class AcknowledgedOrders {

    static final int CAPACITY = 100_000;
    static final Duration KEPT = Duration.ofMinutes(5);

    private final Cache<OrderId, Boolean> acknowledged = Caffeine.newBuilder()
            .maximumSize(CAPACITY)
            .expireAfterWrite(KEPT)
            .build();

    public void remember(OrderId orderId) {
        acknowledged.put(orderId, Boolean.TRUE);
    }

    public boolean contains(OrderId orderId) {
        return acknowledged.getIfPresent(orderId) != null;
    }
}
