package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The buyer paid for an accepted order. The order API has checked that {@code amount} is the order's total.
 *
 * @param amount           in minor units of the currency
 * @param paymentReference the payment provider's reference, 1..{@value #MAX_REFERENCE} characters
 */
public record PaymentSubmitted(UUID eventId, OrderId orderId, CustomerId customerId, long amount,
        String paymentReference, Instant occurredAt) implements OrderCommand {

    public static final int MAX_REFERENCE = 128;

    public PaymentSubmitted {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(paymentReference, "paymentReference");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative but was " + amount);
        }
        if (paymentReference.isBlank() || paymentReference.length() > MAX_REFERENCE) {
            throw new IllegalArgumentException("paymentReference must be 1.." + MAX_REFERENCE + " characters");
        }
    }
}
