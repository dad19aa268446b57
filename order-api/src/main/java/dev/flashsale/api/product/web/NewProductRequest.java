package dev.flashsale.api.product.web;

import dev.flashsale.api.product.Product;
import dev.flashsale.api.web.StorableText;
import dev.flashsale.events.PurchaseLimitSet;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;

// Wrapper types, so that a missing number is reported as missing rather than read as zero.
record NewProductRequest(
        @Schema(example = "Flash phone X") @NotBlank @Size(min = 1, max = 200)
        @Pattern(regexp = StorableText.PATTERN, message = StorableText.MESSAGE) String name,
        @Schema(description = "Price in minor units (cents)", example = "99000") @NotNull @PositiveOrZero Long price,
        @Schema(description = "Units on sale", example = "100") @NotNull @PositiveOrZero @Max(Product.MAX_STOCK)
        Integer stock,
        @Schema(description = "Units one customer may hold in accepted orders; absent for no limit", example = "2")
        @Min(1) @Max(PurchaseLimitSet.MAX_LIMIT) Integer maxPerCustomer,
        @Schema(description = "How long a buyer has to pay for an accepted order: an ISO-8601 duration, PT1S to P7D; "
                + "absent for the default (10 minutes)", example = "PT30S", nullable = true)
        String paymentWindow) {

    /** @throws InvalidPatchException naming {@code paymentWindow} if it is not a valid window */
    Duration window() {
        return paymentWindow == null ? null : PaymentWindows.parse(paymentWindow);
    }
}
