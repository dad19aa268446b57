package dev.flashsale.api.order.web;

import dev.flashsale.events.PaymentSubmitted;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

record PaymentRequest(
        @Schema(description = "What was paid, in minor units: the order's total", example = "198000") @NotNull
        @PositiveOrZero Long amount,
        @Schema(description = "The payment provider's reference, 1..128 printable characters", example = "psp-4711")
        @NotNull @Size(min = 1, max = PaymentSubmitted.MAX_REFERENCE)
        @Pattern(regexp = PaymentRequest.PRINTABLE, message = "must be printable ASCII, not blank")
        String paymentReference) {

    /** Visible ASCII, inner spaces allowed. */
    static final String PRINTABLE = "[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?";
}
