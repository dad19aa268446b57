package dev.flashsale.inventory.topology;

import dev.flashsale.events.CancellationRequested;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderCommand;
import dev.flashsale.events.OrderCommandRefused;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.PaymentSubmitted;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The order aggregator: hears every line result of an order and every command on it, on the order's partition, and
 * decides the whole order's status there, one record at a time. A payment racing an expiry or a cancellation racing
 * the last line result therefore has one winner, and each reserved line is released exactly once: the line is marked
 * released in the order's stored progress in the same exactly-once transaction that sends its {@link UnitsReleased}
 * to the product's partition.
 * <p>
 * Expiry runs on a wall-clock punctuator, not a stream-time one. Stream time only advances when records arrive on the
 * task's partitions: after a sale's last order, with no new traffic, a stream-time punctuation would never fire and
 * unpaid units would stay held for good. Deadlines are stored as absolute instants, so a task that moves to another
 * instance, or restarts after a crash, expires every overdue order at its first punctuation. Each punctuation expires
 * at most {@value #MAX_EXPIRIES_PER_CHECK} orders and leaves the rest to the next: a backlog (a long outage, a big
 * sale's deadlines falling in one second) must not hold the task past its transaction timeout.
 */
final class OrderLifecycleProcessor implements Processor<byte[], byte[], String, Outcome> {

    static final String METRICS_ENTITY = "order-lifecycle";
    static final String RESULTS_ENTITY = "order-results";
    static final String COMMANDS_ENTITY = "order-commands";
    static final String REFUSED = "refused";
    static final String RELEASED = "released";
    static final int MAX_EXPIRIES_PER_CHECK = 500;
    static final String FORGOTTEN = "forgotten";
    static final int MAX_PURGES_PER_CHECK = 1_000;

    private static final Logger log = LoggerFactory.getLogger(OrderLifecycleProcessor.class);

    private final Duration expiryCheckInterval;
    private final Duration retention;
    private ProcessorContext<String, Outcome> context;
    private Intake<OrderResult> results;
    private Intake<OrderCommand> commands;
    private KeyValueStore<String, OrderProgress> orders;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, String> purges;
    private Map<OrderStatus, Sensor> statusChanges;
    private Sensor refused;
    private Sensor released;
    private Sensor forgotten;

    /** @param retention how long an order that is over is remembered before its progress is deleted */
    OrderLifecycleProcessor(Duration expiryCheckInterval, Duration retention) {
        this.expiryCheckInterval = expiryCheckInterval;
        this.retention = retention;
    }

    /** {@code accepted}, {@code rejected}, {@code paid}, {@code cancelled}, {@code expired}: orders that moved there. */
    static String statusSensor(OrderStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.results = Intake.keyedByOrder(context, Topics.ORDER_RESULT_SERDE, OrderResult::orderId, RESULTS_ENTITY);
        this.commands = Intake.keyedByOrder(context, Topics.ORDER_COMMAND_SERDE, OrderCommand::orderId,
                COMMANDS_ENTITY);
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
        context.schedule(expiryCheckInterval, PunctuationType.WALL_CLOCK_TIME, timestamp -> {
            expireOverdueOrders();
            forgetOrdersThatAreLongOver();
        });
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String orderId = EventHeaders.get(record.headers(), EventHeaders.ORDER_ID);
        if (orderId != null) {
            MDC.put(OrderRequestProcessor.MDC_ORDER_ID, orderId);
        }
        try {
            RecordMetadata source = context.recordMetadata().orElse(null);
            if (source != null && Topics.ORDER_COMMANDS.name().equals(source.topic())) {
                OrderCommand command = commands.admit(record);
                if (command != null) {
                    OrderRequestProcessor.nameOrder(orderId, command.orderId().value());
                    decide(record, command);
                }
            } else {
                OrderResult result = results.admit(record);
                if (result != null) {
                    OrderRequestProcessor.nameOrder(orderId, result.orderId().value());
                    take(record, result);
                }
            }
        } finally {
            MDC.remove(OrderRequestProcessor.MDC_ORDER_ID);
        }
    }

    private void take(Record<byte[], byte[]> record, OrderResult result) {
        String key = result.orderId().value();
        OrderProgress stored = orders.get(key);
        if (stored != null && stored.hasHeardOf(result.productId())) {
            results.dropDuplicate("result of order " + key + " for product " + result.productId());
            return;
        }
        OrderProgress progress = stored != null ? stored
                : OrderProgress.pending(result.orderId(), result.customerId(), result.lines());
        apply(stored, progress.record(result, now()), record.timestamp());
    }

    private void decide(Record<byte[], byte[]> record, OrderCommand command) {
        String key = command.orderId().value();
        OrderProgress progress = orders.get(key);
        if (progress != null && progress.wasDecidedBy(command.eventId())) {
            commands.dropDuplicate(OrderCommandRefused.Kind.of(command) + " " + command.eventId());
            return;
        }
        Instant now = now();
        if (command instanceof PaymentSubmitted payment) {
            if (progress == null) {
                // Nothing to pay for yet; the order is not stored on account of a command that changes nothing.
                emit(OrderCommandRefused.of(payment, OrderStatus.PENDING, now), record.timestamp());
                return;
            }
            apply(progress, progress.pay(payment, now), record.timestamp());
        } else if (command instanceof CancellationRequested cancellation) {
            // Cancelled before any line result came: the results that come later find the order cancelled.
            OrderProgress current = progress != null ? progress
                    : OrderProgress.pending(cancellation.orderId(), cancellation.customerId(), null);
            apply(progress, current.cancel(cancellation, now), record.timestamp());
        }
    }

    private void expireOverdueOrders() {
        long nowMs = context.currentSystemTimeMs();
        List<KeyValue<String, String>> due = due(deadlines, nowMs, MAX_EXPIRIES_PER_CHECK);
        Instant now = Instant.ofEpochMilli(nowMs);
        for (KeyValue<String, String> entry : due) {
            deadlines.delete(entry.key);
            OrderProgress progress = orders.get(entry.value);
            if (progress == null) {
                continue;
            }
            MDC.put(OrderRequestProcessor.MDC_ORDER_ID, entry.value);
            try {
                apply(progress, progress.expire(now), nowMs);
            } finally {
                MDC.remove(OrderRequestProcessor.MDC_ORDER_ID);
            }
        }
        if (due.size() == MAX_EXPIRIES_PER_CHECK) {
            log.info("Expired {} orders in one check; the rest wait for the next", MAX_EXPIRIES_PER_CHECK);
        }
    }

    /** Deletes the progress of orders that ended more than the retention ago, a bounded number per check. */
    private void forgetOrdersThatAreLongOver() {
        for (KeyValue<String, String> entry : due(purges, context.currentSystemTimeMs(), MAX_PURGES_PER_CHECK)) {
            purges.delete(entry.key);
            orders.delete(entry.value);
            forgotten.record();
        }
    }

    /**
     * The first {@code limit} entries of a time index ({@link InventoryStores#deadlineKey} to order ID) due by
     * {@code nowMs}, earliest first; read into a list so the caller may change the index while it goes through them.
     */
    private static List<KeyValue<String, String>> due(KeyValueStore<String, String> index, long nowMs, int limit) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = index.range(null,
                InventoryStores.lastDeadlineKeyDueBy(nowMs))) {
            while (entries.hasNext() && due.size() < limit) {
                due.add(entries.next());
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
