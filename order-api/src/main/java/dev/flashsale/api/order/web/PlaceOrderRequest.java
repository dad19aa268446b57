package dev.flashsale.api.order.web;

import dev.flashsale.api.order.CustomerMismatchException;
import dev.flashsale.api.order.DuplicateProductException;
import dev.flashsale.api.order.PlaceOrder;
import dev.flashsale.api.web.StorableText;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.ProductId;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

record PlaceOrderRequest(
        @Schema(description = "Optional: the buyer is the token's subject. If sent, it must be that subject (else 403)",
                example = "c-1", nullable = true)
        @Size(max = 128) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String customerId,
        @Schema(description = "1 to 50 items, each for another product")
        @NotEmpty @Size(max = OrderLineRequested.MAX_LINES) List<@NotNull @Valid OrderItemRequest> items) {

    /**
     * @throws CustomerMismatchException  if the body names another customer than the authenticated buyer
     * @throws DuplicateProductException  if two items name the same product
     */
    PlaceOrder toCommand(CustomerId buyer, String idempotencyKey) {
        if (customerId != null && !customerId.equals(buyer.value())) {
            throw new CustomerMismatchException();
        }
        return new PlaceOrder(buyer, idempotencyKey, items.stream()
                .map(item -> new PlaceOrder.Line(new ProductId(item.productId()), item.quantity()))
                .toList());
    }
}
