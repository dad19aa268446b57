package dev.flashsale.api.order;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.ProductId;
import java.util.List;
import java.util.Objects;

/**
 * A buyer's request to order, as the web layer has validated it.
 *
 * @param idempotencyKey the client's retry key, or null
 */
public record PlaceOrder(CustomerId customerId, String idempotencyKey, List<Line> lines) {

    public PlaceOrder {
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(lines);
    }

    public record Line(ProductId productId, int quantity) {

        public Line {
            Objects.requireNonNull(productId, "productId");
        }
    }
}
