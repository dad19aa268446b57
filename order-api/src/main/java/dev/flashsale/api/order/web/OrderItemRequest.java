package dev.flashsale.api.order.web;

import dev.flashsale.api.web.StorableText;
import dev.flashsale.events.OrderLineRequested;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record OrderItemRequest(
        @Schema(example = "3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11") @NotBlank @Size(max = 128)
        @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String productId,
        @Schema(example = "1") @NotNull @Min(OrderLineRequested.MIN_QUANTITY) @Max(OrderLineRequested.MAX_QUANTITY)
        Integer quantity) {
}
