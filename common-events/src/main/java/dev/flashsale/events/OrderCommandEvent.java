package dev.flashsale.events;

import java.util.UUID;

/**
 * Events of the {@link Topics#ORDER_COMMANDS} stream, keyed by order ID: what the order aggregator is asked to decide
 * on an order's partition. A buyer's {@link OrderCommand}, from the order API; or a {@link PaymentDeadlinePassed},
 * which the aggregator writes itself when its clock says an order is overdue, and decides when it reads it back.
 */
public sealed interface OrderCommandEvent permits OrderCommand, PaymentDeadlinePassed {

    UUID eventId();

    OrderId orderId();
}
