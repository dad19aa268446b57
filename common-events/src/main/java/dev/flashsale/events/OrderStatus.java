package dev.flashsale.events;

/**
 * Where an order stands, as the order aggregator decides it. It only moves forward: from {@code PENDING} to
 * {@code ACCEPTED} or {@code REJECTED}, from {@code ACCEPTED} (or, by cancellation, {@code PENDING}) to {@code PAID},
 * {@code CANCELLED} or {@code EXPIRED}; nothing leaves a final status. The order API's read model and views use this
 * same type.
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

    /**
     * How far along the lifecycle: 0 for {@code PENDING}, 1 for {@code ACCEPTED}, 2 for a final status. A change
     * moves an order only to a higher step, so a replayed or reordered change never moves it back.
     */
    public int step() {
        return switch (this) {
            case PENDING -> 0;
            case ACCEPTED -> 1;
            case REJECTED, PAID, CANCELLED, EXPIRED -> 2;
        };
    }

    public boolean isFinal() {
        return step() == 2;
    }

    public boolean canBePaid() {
        return this == ACCEPTED;
    }

    /** Whether an order in this status holds or may still get reserved units that a cancellation would release. */
    public boolean canBeCancelled() {
        return this == PENDING || this == ACCEPTED;
    }
}
