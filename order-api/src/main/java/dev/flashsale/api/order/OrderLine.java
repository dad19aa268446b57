package dev.flashsale.api.order;

/** One product of an order, and how many units of it. An order has at most one line per product. */
public record OrderLine(String productId, int quantity) {
}
