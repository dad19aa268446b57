package dev.flashsale.api.order;

import dev.flashsale.events.OrderStatus;
import java.util.Objects;

/**
 * The order aggregator's answer to a buyer's command.
 *
 * @param applied whether the command changed the order ({@code OrderStatusChanged}) or was refused
 *                ({@code OrderCommandRefused})
 * @param status  the status the command moved the order to, or the order's status when it was refused
 */
public record CommandOutcome(boolean applied, OrderStatus status) {

    public CommandOutcome {
        Objects.requireNonNull(status, "status");
    }

    public static CommandOutcome applied(OrderStatus status) {
        return new CommandOutcome(true, status);
    }

    public static CommandOutcome refused(OrderStatus currentStatus) {
        return new CommandOutcome(false, currentStatus);
    }
}
