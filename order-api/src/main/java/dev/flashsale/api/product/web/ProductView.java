package dev.flashsale.api.product.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flashsale.api.product.Product;
import io.swagger.v3.oas.annotations.media.Schema;

record ProductView(
        @Schema(example = "3f0c7e2a-9a55-4a1e-8d7e-6f2b1c0d9e11") String id,
        @Schema(example = "Flash phone X") String name,
        @Schema(description = "Price in minor units (cents)", example = "99000") long price,
        @Schema(description = "Units left, as last reported by the inventory processor", example = "100")
        int available,
        @Schema(description = "Units one customer may hold in accepted orders; absent when unlimited",
                example = "2")
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer maxPerCustomer,
        @Schema(description = "How long a buyer has to pay for an accepted order, ISO-8601; absent for the default "
                + "(10 minutes)", example = "PT30S")
        @JsonInclude(JsonInclude.Include.NON_NULL) String paymentWindow) {

    static ProductView of(Product product) {
        return new ProductView(product.id(), product.name(), product.price(), product.available(),
                product.maxPerCustomer(), product.paymentWindow() == null ? null : product.paymentWindow().toString());
    }
}
