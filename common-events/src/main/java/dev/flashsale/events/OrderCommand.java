package dev.flashsale.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What a buyer asked to do with an order after placing it, sent on the {@link Topics#ORDER_COMMANDS} stream by the
 * order API. The order aggregator decides each on the order's partition, where it also hears of the order's line
 * results and its deadline, so a payment racing an expiry has one winner; it answers each with an
 * {@link OrderStatusChanged} that names the command, or an {@link OrderCommandRefused}.
 */
public sealed interface OrderCommand extends OrderCommandEvent permits PaymentSubmitted, CancellationRequested {

    /** Also the command's ID, which its answer names. */
    @Override
    UUID eventId();

    CustomerId customerId();

    Instant occurredAt();
}
