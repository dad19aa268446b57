package dev.flashsale.api.order;

/**
 * Where an order stands, as the order aggregator decides it. It only moves forward: from {@code PENDING} to
 * {@code ACCEPTED} or {@code REJECTED}, from {@code ACCEPTED} (or, by cancellation, {@code PENDING}) to {@code PAID},
 * {@code CANCELLED} or {@code EXPIRED}; nothing leaves a final status.
 */
public enum OrderStatus {
    /** Recorded and sent to the inventory processor, which has not reserved every line yet. */
    PENDING,
    /** Every line's units are reserved for the buyer, until paid or until the payment deadline. */
    ACCEPTED,
    /** A line could not be reserved; the order's reason and rejected product say which and why. */
    REJECTED,
    /** Paid; the units are sold. */
    PAID,
    /** Cancelled by the buyer; the reserved units are back on sale. */
    CANCELLED,
    /** Not paid by the deadline; the reserved units are back on sale. */
    EXPIRED;

    /** How far along the lifecycle: a change is applied only if it moves the order to a higher step. */
    int step() {
        return switch (this) {
            case PENDING -> 0;
            case ACCEPTED -> 1;
            case REJECTED, PAID, CANCELLED, EXPIRED -> 2;
        };
    }

    public boolean isFinal() {
        return step() == 2;
    }

    boolean canBePaid() {
        return this == ACCEPTED;
    }

    boolean canBeCancelled() {
        return this == PENDING || this == ACCEPTED;
    }
}
