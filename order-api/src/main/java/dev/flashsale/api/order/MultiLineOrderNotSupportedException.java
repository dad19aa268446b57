package dev.flashsale.api.order;

/** Orders carry exactly one line until the processor can reserve several products atomically. */
public class MultiLineOrderNotSupportedException extends RuntimeException {

    public MultiLineOrderNotSupportedException(int lines) {
        super("Multi-line carts are not yet supported: an order must have exactly one item, not " + lines);
    }
}
