package dev.flashsale.api.order;

/** Where an order stands. It moves once, from {@code PENDING} to one of the final two, and never back. */
public enum OrderStatus {
    /** Recorded and sent to the inventory processor, which has not decided yet. */
    PENDING,
    /** The units are reserved for the buyer. */
    ACCEPTED,
    /** Nothing was reserved; the order's reason says why. */
    REJECTED
}
