package dev.flashsale.api.product.web;

/**
 * A {@code PATCH} body that is not a valid merge patch of a product, or a product field that the JSON types cannot
 * check (a payment window); {@code field} names what is wrong.
 */
public class InvalidPatchException extends RuntimeException {

    private final String field;

    InvalidPatchException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
