package dev.flashsale.api.order;

import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;

/** What the buyer is told: the order's id and where it stands now (PENDING, unless a retry finds it decided). */
public record PlacedOrder(OrderId orderId, OrderStatus status) {
}
