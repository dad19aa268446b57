package dev.flashsale.api.order;

import java.time.Instant;
import java.util.Objects;

/**
 * The inventory processor's verdict on an order, as the read model recorded it.
 *
 * @param reason a {@code RejectionReason} name when rejected, else null
 */
record Decision(OrderStatus status, String reason, Instant decidedAt) {

    Decision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (status == OrderStatus.PENDING) {
            throw new IllegalArgumentException("a decision is ACCEPTED or REJECTED, not PENDING");
        }
    }
}
