package dev.flashsale.api.product;

public class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException(String productId) {
        super("No product with id '" + productId + "'");
    }
}
