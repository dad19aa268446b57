package dev.flashsale.events;

/** Why reserved units went back on sale. */
public enum ReleaseCause {
    /** Another line of the same order was rejected, so the whole order was: compensation. */
    ORDER_REJECTED,
    /** The buyer cancelled the order. */
    CANCELLED,
    /** The buyer did not pay before the order's payment deadline. */
    EXPIRED
}
