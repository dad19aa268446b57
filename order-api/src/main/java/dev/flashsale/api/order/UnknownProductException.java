package dev.flashsale.api.order;

/** An order line names a product the catalog does not have. */
public class UnknownProductException extends RuntimeException {

    private final int line;

    public UnknownProductException(int line, String productId) {
        super("No product with id '" + productId + "'");
        this.line = line;
    }

    /** The zero-based index of the line at fault. */
    public int line() {
        return line;
    }
}
