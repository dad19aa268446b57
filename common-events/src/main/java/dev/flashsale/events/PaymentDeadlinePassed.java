package dev.flashsale.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The order aggregator's expiry check saw an accepted order's payment deadline pass: a proposal to expire it, not the
 * expiry. A Kafka Streams transaction that carries only the output of a wall-clock punctuation commits no consumer
 * offsets, so nothing fences it when the instance that wrote it has lost the partition; the expiry is therefore
 * decided when this event is read back, in a transaction that commits its offset. The aggregator then expires the
 * order only if its own stored state still has it accepted and unpaid and its own clock has passed the deadline;
 * otherwise the proposal changes nothing. The order API never writes one and buyers never see one; the outcome is an
 * {@link OrderStatusChanged} {@code EXPIRED} on the lifecycle, or nothing.
 *
 * @param eventId         the same for every proposal of one order's deadline ({@link #of}), so a repeat is
 *                        recognisable as one
 * @param paymentDeadline the deadline the proposer had stored for the order
 * @param occurredAt      when the proposer's clock saw the deadline pass; informational, never what the expiry is
 *                        judged by
 */
public record PaymentDeadlinePassed(UUID eventId, OrderId orderId, Instant paymentDeadline, Instant occurredAt)
        implements OrderCommandEvent {

    public PaymentDeadlinePassed {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentDeadline, "paymentDeadline");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The proposal to expire {@code orderId}, due at {@code paymentDeadline}, with an ID derived from both. */
    public static PaymentDeadlinePassed of(OrderId orderId, Instant paymentDeadline, Instant occurredAt) {
        String name = "payment-deadline-passed:" + orderId.value() + ":" + paymentDeadline.toEpochMilli();
        return new PaymentDeadlinePassed(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), orderId,
                paymentDeadline, occurredAt);
    }
}
