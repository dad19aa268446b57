package dev.flashsale.events;

/**
 * Why an order line was rejected. A reason is added together with a new {@link OrderRejected} schema version, so a
 * reader that does not know it refuses the record as a newer version (dead letter, replayable after its upgrade)
 * rather than failing on an unknown enum constant or misreading it.
 */
public enum RejectionReason {
    /** Fewer units were available than the line asked for. */
    OUT_OF_STOCK,
    /** The inventory processor has no stock record for the product. */
    UNKNOWN_PRODUCT,
    /**
     * The customer's units in accepted orders of the product, with this line's, would exceed the product's
     * {@code maxPerCustomer}. Added in {@link OrderRejected} schema version 2.
     */
    LIMIT_EXCEEDED
}
