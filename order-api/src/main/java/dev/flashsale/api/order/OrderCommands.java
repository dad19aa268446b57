package dev.flashsale.api.order;

import dev.flashsale.api.kafka.EventPublisher;
import dev.flashsale.api.kafka.PublishFailedException;
import dev.flashsale.api.order.status.CommandWaiters;
import dev.flashsale.api.order.status.CommandWatch;
import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderCommand;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.RandomIds;
import dev.flashsale.events.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * A buyer's payments and cancellations. The read model refuses what it can see is impossible (paying an order that is
 * not ACCEPTED, the wrong amount) before anything is sent; the order aggregator decides the rest on the order's
 * partition, where a payment racing the deadline has one winner, and answers by command ID.
 */
@Service
public class OrderCommands {

    private final OrderService orders;
    private final EventPublisher publisher;
    private final CommandWaiters waiters;
    private final Clock clock;

    OrderCommands(OrderService orders, EventPublisher publisher, CommandWaiters waiters, Clock clock) {
        this.orders = orders;
        this.publisher = publisher;
        this.waiters = waiters;
        this.clock = clock;
    }

    /**
     * @throws OrderNotFoundException        if the buyer has no such order
     * @throws OrderStatusConflictException  if the order is not ACCEPTED
     * @throws AmountMismatchException       if the amount is not the order's total
     * @throws PublishFailedException        if Kafka did not acknowledge the payment; retry
     */
    public CommandWatch pay(CustomerId buyer, String orderId, long amount, String paymentReference) {
        Order order = current(buyer, orderId);
        if (!order.status().canBePaid()) {
            throw new OrderStatusConflictException("paid", order);
        }
        if (amount != order.total()) {
            throw new AmountMismatchException(orderId, amount, order.total());
        }
        return send(new PaymentSubmitted(RandomIds.uuid(), new OrderId(orderId), buyer, amount, paymentReference,
                now()));
    }

    /**
     * @throws OrderNotFoundException        if the buyer has no such order
     * @throws OrderStatusConflictException  if the order is neither PENDING nor ACCEPTED
     * @throws PublishFailedException        if Kafka did not acknowledge the cancellation; retry
     */
    public CommandWatch cancel(CustomerId buyer, String orderId) {
        Order order = current(buyer, orderId);
        if (!order.status().canBeCancelled()) {
            throw new OrderStatusConflictException("cancelled", order);
        }
        return send(new CancellationRequested(RandomIds.uuid(), new OrderId(orderId), buyer, now()));
    }

    /** @throws OrderNotFoundException if the buyer has no such order */
    public Order current(CustomerId buyer, String orderId) {
        return orders.find(buyer, orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** The refusal of a command, for the request that sent it. */
    public OrderStatusConflictException refusal(CustomerId buyer, String orderId, String action,
            OrderStatus currentStatus) {
        // A refused payment of a PAID order names the payment that won, which may be the client's own earlier one.
        String reference = currentStatus == OrderStatus.PAID
                ? orders.find(buyer, orderId).map(Order::paymentReference).orElse(null)
                : null;
        return new OrderStatusConflictException(action, orderId, currentStatus, reference);
    }

    private CommandWatch send(OrderCommand command) {
        // Listen first, then send: the answer may come before publish() returns.
        CompletableFuture<CommandOutcome> outcome = waiters.register(command.eventId());
        try {
            publisher.publish(Topics.ORDER_COMMANDS, command.orderId().value(), command);
        } catch (PublishFailedException e) {
            outcome.cancel(false);
            throw e;
        }
        return new CommandWatch(command.eventId(), command.orderId().value(), outcome);
    }

    private Instant now() {
        return clock.instant();
    }
}
