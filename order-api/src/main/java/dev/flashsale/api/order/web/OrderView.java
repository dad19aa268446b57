package dev.flashsale.api.order.web;

import dev.flashsale.api.order.Order;
import dev.flashsale.api.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

record OrderView(
        String orderId,
        String customerId,
        List<Item> items,
        OrderStatus status,
        @Schema(description = "Why the order was rejected, such as OUT_OF_STOCK; null unless REJECTED",
                nullable = true, example = "OUT_OF_STOCK")
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    record Item(String productId, int quantity) {
    }

    static OrderView of(Order order) {
        return new OrderView(order.orderId(), order.customerId(),
                order.lines().stream().map(line -> new Item(line.productId(), line.quantity())).toList(),
                order.status(), order.reason(), order.createdAt(), order.updatedAt());
    }
}
