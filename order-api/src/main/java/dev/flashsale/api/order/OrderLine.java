package dev.flashsale.api.order;

import dev.flashsale.events.ProductId;

/**
 * One product of an order, and how many units of it. An order has at most one line per product.
 *
 * @param requested where Kafka wrote the line's request, for its place in line; null until acknowledged, and for
 *                  orders restored from the log
 */
public record OrderLine(ProductId productId, int quantity, RequestOffset requested) {

    /** A line whose request has not been acknowledged yet. */
    public OrderLine(ProductId productId, int quantity) {
        this(productId, quantity, null);
    }
}
