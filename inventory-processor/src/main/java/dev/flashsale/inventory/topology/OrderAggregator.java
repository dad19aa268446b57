package dev.flashsale.inventory.topology;

import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.OrderCommand;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PaymentDeadlinePassed;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order aggregator's state and its moves, on the order's partition: each order's {@link OrderProgress}, its
 * payment deadline and the time it may be forgotten. Every change stores the next progress, keeps the indexes in
 * step and sends the lifecycle events and releases it caused, in the task's exactly-once transaction.
 * <p>
 * Every move is made for an input record, never in a wall-clock punctuation: a transaction that commits a consumed
 * offset is fenced once the instance has lost the partition, one that carries only punctuation output is not. So an
 * expiry is decided on its proposal read back from the order commands ({@link #expire}), not when the check finds
 * the order overdue ({@link #overdueOrders}).
 * <p>
 * Used by {@link OrderLifecycleProcessor}, which hears line results and commands from their topics, and by
 * {@link OrderRequestProcessor}, which hands it the result of a single-line order decided on the task that also owns
 * the order's partition, so that the order is decided whole in one transaction instead of one more trip through the
 * results topic.
 */
final class OrderAggregator {

    static final String METRICS_ENTITY = "order-lifecycle";
    static final String REFUSED = "refused";
    static final String RELEASED = "released";
    static final String FORGOTTEN = "forgotten";
    /** Proposals to expire that found the order not due: paid, cancelled or expired meanwhile, or not yet overdue. */
    static final String EXPIRY_STALE = "expiry-stale";

    private static final Logger log = LoggerFactory.getLogger(OrderAggregator.class);

    private final ProcessorContext<String, Outcome> context;
    private final Duration retention;
    private final KeyValueStore<String, OrderProgress> orders;
    private final KeyValueStore<String, String> deadlines;
    private final KeyValueStore<String, String> purges;
    private final Map<OrderStatus, Sensor> statusChanges;
    private final Sensor refused;
    private final Sensor released;
    private final Sensor forgotten;
    private final Sensor staleExpiries;

    /** @param retention how long an order that is over is remembered before its progress is deleted */
    OrderAggregator(ProcessorContext<String, Outcome> context, Duration retention) {
        this.context = context;
        this.retention = retention;
        this.orders = context.getStateStore(InventoryStores.ORDERS);
        this.deadlines = context.getStateStore(InventoryStores.ORDER_DEADLINES);
        this.purges = context.getStateStore(InventoryStores.ORDER_PURGES);
        StreamsMetrics metrics = context.metrics();
        this.statusChanges = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            if (status != OrderStatus.PENDING) {
                statusChanges.put(status, metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY,
                        statusSensor(status), Sensor.RecordingLevel.INFO));
            }
        }
        this.refused = metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, REFUSED,
                Sensor.RecordingLevel.INFO);
        this.released = metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, RELEASED,
                Sensor.RecordingLevel.INFO);
        this.forgotten = metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, FORGOTTEN,
                Sensor.RecordingLevel.INFO);
        this.staleExpiries = metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, EXPIRY_STALE,
                Sensor.RecordingLevel.INFO);
    }

    /** {@code accepted}, {@code rejected}, {@code paid}, {@code cancelled}, {@code expired}: orders that moved there. */
    static String statusSensor(OrderStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The order's stored progress, or null when nothing is stored for it. */
    OrderProgress progressOf(OrderId orderId) {
        return orders.get(orderId.value());
    }

    /** Whether the order, as stored, has this product's line result already; a line is heard of once. */
    static boolean hasHeardOf(OrderProgress stored, ProductId productId) {
        return stored != null && stored.hasHeardOf(productId);
    }

    /**
     * Takes in a line's result unless the order has heard of it.
     *
     * @return whether the result was new
     */
    boolean takeIfNew(OrderResult result, long timestamp) {
        OrderProgress stored = progressOf(result.orderId());
        if (hasHeardOf(stored, result.productId())) {
            return false;
        }
        take(stored, result, timestamp);
        return true;
    }

    /**
     * Takes in the result of a line the order has not heard of ({@link #hasHeardOf}), given the order's progress as
     * stored (null if none): the caller has read it already, and a store read is much of what an order costs.
     */
    void take(OrderProgress stored, OrderResult result, long timestamp) {
        OrderProgress progress = stored != null ? stored
                : OrderProgress.pending(result.orderId(), result.customerId(), result.lines());
        apply(stored, progress.record(result, now()), timestamp);
    }

    /** Whether this command already paid or cancelled the order: a re-sent copy changes nothing. */
    boolean hasApplied(OrderCommand command) {
        OrderProgress progress = orders.get(command.orderId().value());
        return progress != null && progress.wasDecidedBy(command.eventId());
    }

    /** Applies a buyer's payment or cancellation not applied before ({@link #hasApplied}). */
    void decide(OrderCommand command, long timestamp) {
        OrderProgress progress = orders.get(command.orderId().value());
        Instant now = now();
        if (command instanceof PaymentSubmitted payment) {
            if (progress == null) {
                // Nothing to pay for yet; the order is not stored on account of a command that changes nothing.
                emit(OrderCommandRefused.of(payment, OrderStatus.PENDING, now), timestamp);
                return;
            }
            apply(progress, progress.pay(payment, now), timestamp);
        } else if (command instanceof CancellationRequested cancellation) {
            // Cancelled before any line result came: the results that come later find the order cancelled.
            OrderProgress current = progress != null ? progress
                    : OrderProgress.pending(cancellation.orderId(), cancellation.customerId(), null);
            apply(progress, current.cancel(cancellation, now), timestamp);
        }
    }

    /**
     * The accepted orders whose deadline has passed by this processor's clock, earliest first: at most {@code limit},
     * leaving out those {@code onTheirWay} names. Reads the stores and changes nothing.
     */
    List<PaymentDeadlinePassed> overdueOrders(int limit, Predicate<String> onTheirWay) {
        Instant now = now();
        List<PaymentDeadlinePassed> overdue = new ArrayList<>();
        for (KeyValue<String, String> entry : due(deadlines, now.toEpochMilli(), limit, onTheirWay)) {
            overdue.add(PaymentDeadlinePassed.of(new OrderId(entry.value), InventoryStores.deadlineOf(entry.key),
                    now));
        }
        return overdue;
    }

    /**
     * Decides a proposal to expire an order: expires it if, in the stored progress and by this processor's clock, it
     * is accepted, unpaid and overdue. Otherwise the proposal changes nothing: the order was paid, cancelled or
     * expired after it was proposed (the proposer may be an instance that has since lost the partition), or the
     * proposer's clock ran ahead of this one.
     *
     * @return whether the order expired
     */
    boolean expire(PaymentDeadlinePassed proposal, long timestamp) {
        String key = proposal.orderId().value();
        OrderProgress progress = orders.get(key);
        Instant now = now();
        if (progress != null && progress.expiresBy(now)) {
            apply(progress, progress.expire(now), timestamp);
            return true;
        }
        staleExpiries.record();
        log.debug("Order {} is not due to expire: {}", key, progress == null ? "not stored" : progress.status());
        // Deadline keys hold milliseconds: the stored order stands behind the proposed entry if they agree on those.
        boolean stillDue = progress != null && progress.awaitsPaymentByDeadline()
                && progress.paymentDeadline().toEpochMilli() == proposal.paymentDeadline().toEpochMilli();
        if (!stillDue) {
            String proposed = InventoryStores.deadlineKey(proposal.paymentDeadline(), key);
            if (deadlines.get(proposed) != null) {
                // An entry no stored order stands behind would be proposed again at every check.
                deadlines.delete(proposed);
            }
        }
        return false;
    }

    /** Deletes the progress of orders that ended more than the retention ago, a bounded number per check. */
    void forgetOrdersThatAreLongOver(int limit) {
        for (KeyValue<String, String> entry : due(purges, context.currentSystemTimeMs(), limit, orderId -> false)) {
            purges.delete(entry.key);
            orders.delete(entry.value);
            forgotten.record();
        }
    }

    /**
     * The first {@code limit} entries of a time index ({@link InventoryStores#deadlineKey} to order ID) due by
     * {@code nowMs}, earliest first, but those of the orders {@code skipped} names; read into a list so the caller may
     * change the index while it goes through them.
     */
    private static List<KeyValue<String, String>> due(KeyValueStore<String, String> index, long nowMs, int limit,
            Predicate<String> skipped) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = index.range(null,
                InventoryStores.lastDeadlineKeyDueBy(nowMs))) {
            while (entries.hasNext() && due.size() < limit) {
                KeyValue<String, String> entry = entries.next();
                if (!skipped.test(entry.value)) {
                    due.add(entry);
                }
            }
        }
        return due;
    }

    /** Stores the order's next progress, keeps its deadline entry in step, and sends the events and releases. */
    private void apply(OrderProgress before, OrderProgress.Change change, long timestamp) {
        OrderProgress after = change.progress();
        String key = after.orderId().value();
        orders.put(key, after);
        String deadlineBefore = before != null && before.awaitsPaymentByDeadline()
                ? InventoryStores.deadlineKey(before.paymentDeadline(), key) : null;
        String deadlineAfter = after.awaitsPaymentByDeadline()
                ? InventoryStores.deadlineKey(after.paymentDeadline(), key) : null;
        if (deadlineBefore != null && !deadlineBefore.equals(deadlineAfter)) {
            deadlines.delete(deadlineBefore);
        }
        if (deadlineAfter != null && !deadlineAfter.equals(deadlineBefore)) {
            deadlines.put(deadlineAfter, key);
        }
        if (after.isOver() && (before == null || !before.isOver())) {
            purges.put(InventoryStores.deadlineKey(now().plus(retention), key), key);
        }
        change.events().forEach(event -> emit(event, timestamp));
        for (UnitsReleased release : change.releases()) {
            released.record();
            context.forward(new Record<>(release.productId().value(), new Outcome.Released(release), timestamp,
                    new RecordHeaders()));
        }
    }

    private void emit(OrderLifecycleEvent event, long timestamp) {
        if (event instanceof OrderStatusChanged changed) {
            statusChanges.get(changed.status()).record();
            log.debug("Order {} is {}", changed.orderId(), changed.status());
        } else if (event instanceof OrderCommandRefused refusal) {
            refused.record();
            log.debug("Refused {} {} of order {}: it is {}", refusal.command(), refusal.commandId(),
                    refusal.orderId(), refusal.currentStatus());
        }
        context.forward(new Record<>(event.orderId().value(), new Outcome.LifecycleChanged(event), timestamp,
                new RecordHeaders()));
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
