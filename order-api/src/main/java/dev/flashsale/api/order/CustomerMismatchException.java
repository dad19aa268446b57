package dev.flashsale.api.order;

/** The body names a customer other than the authenticated buyer: nobody orders on another's behalf. */
public class CustomerMismatchException extends RuntimeException {

    public CustomerMismatchException() {
        super("customerId must be the authenticated buyer (the token's subject) or be left out");
    }
}
