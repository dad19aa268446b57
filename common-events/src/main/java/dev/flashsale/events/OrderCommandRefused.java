package dev.flashsale.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The order aggregator refused a buyer's command: the order's status does not allow it (pay a rejected order, cancel a
 * paid one, pay twice, pay after the deadline). The order did not change.
 *
 * @param commandId     the refused {@link OrderCommand}'s eventId
 * @param command       which kind of command it was
 * @param currentStatus the order's status when the command was decided
 */
public record OrderCommandRefused(
        UUID eventId,
        OrderId orderId,
        CustomerId customerId,
        UUID commandId,
        Kind command,
        OrderStatus currentStatus,
        Instant occurredAt) implements OrderLifecycleEvent {

    public enum Kind {
        PAYMENT,
        CANCELLATION;

        public static Kind of(OrderCommand command) {
            return command instanceof PaymentSubmitted ? PAYMENT : CANCELLATION;
        }
    }

    public OrderCommandRefused {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(currentStatus, "currentStatus");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public static OrderCommandRefused of(OrderCommand command, OrderStatus currentStatus, Instant at) {
        return new OrderCommandRefused(RandomIds.uuid(), command.orderId(), command.customerId(), command.eventId(),
                Kind.of(command), currentStatus, at);
    }
}
