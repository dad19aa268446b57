package dev.flashsale.api.order.web;

import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

record PlaceOrderRequest(
        @Schema(example = "c-1") @NotBlank @Size(max = 128) String customerId,
        @Schema(description = "Exactly one item for now") @NotEmpty List<@NotNull @Valid OrderItemRequest> items) {

    PlaceOrder toCommand(String idempotencyKey) {
        return new PlaceOrder(new CustomerId(customerId), idempotencyKey, items.stream()
                .map(item -> new PlaceOrder.Line(new ProductId(item.productId()), item.quantity()))
                .toList());
    }
}
