package dev.flashsale.api.order.status;

import dev.flashsale.events.OrderStatus;
import java.time.Instant;

/** One step of an order's history: it reached {@code status} at {@code at}. */
public record StatusReached(OrderStatus status, Instant at) {
}
