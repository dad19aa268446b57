package dev.flashsale.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An order moved to {@code status}. Each order gets one change to {@code ACCEPTED} or {@code REJECTED}, and at most one
 * more, from {@code ACCEPTED} (or, for a cancellation, {@code PENDING}) to a final status.
 *
 * @param paymentDeadline   {@code ACCEPTED} only: when the order expires unless paid; absent for orders accepted
 *                          before payment deadlines existed, which never expire
 * @param reason            {@code REJECTED} only: why the failing line was refused
 * @param rejectedProductId {@code REJECTED} only: the product of the line that was refused first
 * @param commandId         the {@link OrderCommand} that caused the change (payment, cancellation); absent otherwise
 * @param paymentReference  {@code PAID} only
 * @param amount            {@code PAID} only, in minor units
 * @param requestedAt       {@code ACCEPTED} and {@code REJECTED}: when the order API accepted the order's request (its
 *                          lines' {@code requestedAt}), so that a consumer can measure the time to the whole order's
 *                          decision; absent from changes to the other statuses
 */
public record OrderStatusChanged(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        Instant occurredAt,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Instant paymentDeadline,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) RejectionReason reason,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) ProductId rejectedProductId,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) UUID commandId,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) String paymentReference,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Long amount,
        @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Instant requestedAt) implements OrderLifecycleEvent {

    public OrderStatusChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (status == OrderStatus.PENDING) {
            throw new IllegalArgumentException("an order is PENDING until its first status change");
        }
        if (status == OrderStatus.REJECTED && reason == null) {
            throw new IllegalArgumentException("a REJECTED order needs a reason");
        }
        if (status == OrderStatus.PAID && (paymentReference == null || amount == null)) {
            throw new IllegalArgumentException("a PAID order needs its paymentReference and amount");
        }
    }

    /** A status change without the order's request time. */
    public OrderStatusChanged(UUID eventId, OrderId orderId, CustomerId customerId, OrderStatus status,
            Instant occurredAt, Instant paymentDeadline, RejectionReason reason, ProductId rejectedProductId,
            UUID commandId, String paymentReference, Long amount) {
        this(eventId, orderId, customerId, status, occurredAt, paymentDeadline, reason, rejectedProductId, commandId,
                paymentReference, amount, null);
    }

    public static OrderStatusChanged accepted(OrderId orderId, CustomerId customerId, Instant at, Instant deadline) {
        return accepted(orderId, customerId, at, deadline, null);
    }

    public static OrderStatusChanged accepted(OrderId orderId, CustomerId customerId, Instant at, Instant deadline,
            Instant requestedAt) {
        return new OrderStatusChanged(RandomIds.uuid(), orderId, customerId, OrderStatus.ACCEPTED, at, deadline, null,
                null, null, null, null, requestedAt);
    }

    public static OrderStatusChanged rejected(OrderId orderId, CustomerId customerId, Instant at,
            RejectionReason reason, ProductId product) {
        return rejected(orderId, customerId, at, reason, product, null);
    }

    public static OrderStatusChanged rejected(OrderId orderId, CustomerId customerId, Instant at,
            RejectionReason reason, ProductId product, Instant requestedAt) {
        return new OrderStatusChanged(RandomIds.uuid(), orderId, customerId, OrderStatus.REJECTED, at, null, reason,
                product, null, null, null, requestedAt);
    }

    public static OrderStatusChanged paid(PaymentSubmitted payment, Instant at) {
        return new OrderStatusChanged(RandomIds.uuid(), payment.orderId(), payment.customerId(), OrderStatus.PAID,
                at, null, null, null, payment.eventId(), payment.paymentReference(), payment.amount());
    }

    /** Cancelled by the buyer's {@code commandId}. */
    public static OrderStatusChanged cancelled(OrderId orderId, CustomerId customerId, Instant at, UUID commandId) {
        return new OrderStatusChanged(RandomIds.uuid(), orderId, customerId, OrderStatus.CANCELLED, at, null, null,
                null, commandId, null, null);
    }

    public static OrderStatusChanged expired(OrderId orderId, CustomerId customerId, Instant at) {
        return new OrderStatusChanged(RandomIds.uuid(), orderId, customerId, OrderStatus.EXPIRED, at, null, null,
                null, null, null, null);
    }
}
