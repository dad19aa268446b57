package dev.flashsale.api.order;

/** A payment whose amount is not the order's total; nothing was sent. */
public class AmountMismatchException extends RuntimeException {

    public static final String CODE = "AMOUNT_MISMATCH";

    private final long total;

    public AmountMismatchException(String orderId, long amount, long total) {
        super("Order '" + orderId + "' costs " + total + ", not " + amount);
        this.total = total;
    }

    /** What the payment must be, in minor units. */
    public long total() {
        return total;
    }
}
