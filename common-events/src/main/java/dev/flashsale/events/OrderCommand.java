package dev.flashsale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Events of the {@link Topics#ORDER_COMMANDS} stream, keyed by order ID: what a buyer asked to do with an order after
 * placing it. The order aggregator decides each on the order's partition, where it also hears of the order's line
 * results and its deadline, so a payment racing an expiry has one winner; it answers each with an
 * {@link OrderStatusChanged} that names the command, or an {@link OrderCommandRefused}.
 */
public sealed interface OrderCommand permits PaymentSubmitted, CancellationRequested {

    /** Also the command's ID, which its answer names. */
    UUID eventId();

    OrderId orderId();

    CustomerId customerId();

    Instant occurredAt();
}
