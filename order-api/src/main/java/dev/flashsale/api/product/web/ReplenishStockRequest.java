package dev.flashsale.api.product.web;

import dev.flashsale.events.StockReplenished;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record ReplenishStockRequest(
        @Schema(description = "Units to add", example = "50") @NotNull @Min(1) @Max(StockReplenished.MAX_DELTA)
        Integer delta) {
}
