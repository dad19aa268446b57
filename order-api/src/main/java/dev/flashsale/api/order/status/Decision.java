package dev.flashsale.api.order.status;

import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.ProductId;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of an order's status, as the order aggregator decided it and the read model recorded it.
 *
 * @param reason            a {@code RejectionReason} name when rejected, else null
 * @param paymentDeadline   ACCEPTED only, and null for orders accepted before deadlines existed
 * @param rejectedProductId REJECTED only: the product of the line refused first
 * @param paymentReference  PAID only
 * @param amount            PAID only, in minor units
 */
public record Decision(OrderStatus status, String reason, Instant decidedAt, Instant paymentDeadline,
        ProductId rejectedProductId, String paymentReference, Long amount) {

    public Decision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (status == OrderStatus.PENDING) {
            throw new IllegalArgumentException("an order is PENDING until its first change, not by one");
        }
    }

    public Decision(OrderStatus status, String reason, Instant decidedAt) {
        this(status, reason, decidedAt, null, null, null, null);
    }
}
