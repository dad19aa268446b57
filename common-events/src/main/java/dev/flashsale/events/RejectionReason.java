package dev.flashsale.events;

/** Why an order line was rejected. Consumers must tolerate reasons added in later schema versions. */
public enum RejectionReason {
    /** Fewer units were available than the line asked for. */
    OUT_OF_STOCK,
    /** The inventory processor has no stock record for the product. */
    UNKNOWN_PRODUCT
}
