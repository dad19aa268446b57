package dev.flashsale.api.order;

/**
 * The product had no units left when the request arrived, as far as this API instance knew; no order was placed and
 * nothing was sent to the inventory processor.
 */
public class SoldOutException extends RuntimeException {

    public static final String CODE = "SOLD_OUT";

    private final String productId;

    public SoldOutException(String productId) {
        // No stack trace: after a sell-out this answers most of a sale's requests, and it is no fault to debug.
        super("Product '" + productId + "' is sold out", null, false, false);
        this.productId = productId;
    }

    public String productId() {
        return productId;
    }
}
