package dev.flashsale.api.order.web;

import dev.flashsale.events.OrderStatus;
import dev.flashsale.api.order.PlacedOrder;
import io.swagger.v3.oas.annotations.media.Schema;

record OrderReceipt(@Schema(example = "8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37") String orderId,
        @Schema(example = "PENDING") OrderStatus status) {

    static OrderReceipt of(PlacedOrder placed) {
        return new OrderReceipt(placed.orderId().value(), placed.status());
    }
}
