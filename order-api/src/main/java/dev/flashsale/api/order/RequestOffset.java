package dev.flashsale.api.order;

/** Where Kafka acknowledged an order line's request: its partition of the order requests, and its offset there. */
public record RequestOffset(int partition, long offset) {
}
