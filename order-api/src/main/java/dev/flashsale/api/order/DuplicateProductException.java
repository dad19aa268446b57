package dev.flashsale.api.order;

/** Two lines of one order name the same product; a cart has one line per product, with its quantity. */
public class DuplicateProductException extends RuntimeException {

    private final int line;
    private final int firstLine;

    public DuplicateProductException(int line, int firstLine) {
        super("items[" + line + "] names the same product as items[" + firstLine + "]; send one line per product");
        this.line = line;
        this.firstLine = firstLine;
    }

    /** The zero-based index of the duplicate. */
    public int line() {
        return line;
    }

    /** The zero-based index of the line it duplicates. */
    public int firstLine() {
        return firstLine;
    }
}
