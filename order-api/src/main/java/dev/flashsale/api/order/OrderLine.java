package dev.flashsale.api.order;

/**
 * One product of an order, and how many units of it. An order has at most one line per product.
 *
 * @param requested where Kafka wrote the line's request, for its place in line; null until acknowledged, and for
 *                  orders restored from the log
 */
public record OrderLine(String productId, int quantity, RequestOffset requested) {

    /** A line whose request has not been acknowledged yet. */
    public OrderLine(String productId, int quantity) {
        this(productId, quantity, null);
    }
}
