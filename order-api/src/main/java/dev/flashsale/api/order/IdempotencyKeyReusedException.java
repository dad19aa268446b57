package dev.flashsale.api.order;

/** An Idempotency-Key the buyer already used for a different request: the draft standard's 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new order");
    }
}
