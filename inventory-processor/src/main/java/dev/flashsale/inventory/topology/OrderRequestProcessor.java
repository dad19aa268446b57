package dev.flashsale.inventory.topology;

import dev.flashsale.events.RandomIds;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.MDC;

/**
 * Decides each order line once against its product's stock, and puts units back on sale when the order aggregator
 * releases a reserved line ({@link UnitsReleased}). It runs on the one thread that owns the product's
 * partition, so the check and the decrement cannot interleave with another request for the same product; exactly-once
 * processing commits the store change, the result and the input offset together or not at all.
 */
final class OrderRequestProcessor implements Processor<byte[], byte[], String, Outcome> {

    static final String METRICS_ENTITY = "order-requests";
    /** Sensor of every decision: {@code decision-latency-avg/max} (milliseconds from request to decision). */
    static final String DECISION = "decision";
    static final String ACCEPTED = "accepted";
    /** Reserved lines given back by the order aggregator (cancelled, expired, or another line rejected). */
    static final String RELEASED = "released";
    /** Before the key of a released line in the decided-orders store; no line key starts with a letter. */
    static final String RELEASED_PREFIX = "released:";
    /** The order ID in the log lines about an order, as the order API names it too. */
    static final String MDC_ORDER_ID = "orderId";

    private final Duration dedupeRetention;
    private final Duration defaultPaymentWindow;
    private final Duration stockLevelInterval;
    private final int partitions;
    private final Duration promptCommitGap;
    private PromptCommits promptCommits;
    private OrderAggregator aggregator;
    private ProcessorContext<String, Outcome> context;
    private Intake<OrderRequestEvent> intake;
    private KeyValueStore<String, ProductStock> stocks;
    private RememberedIds decided;
    private CustomerHoldings holdings;
    private StockLevels levels;
    private DecisionProgressReports progress;
    private Sensor decisionLatency;
    private Sensor accepted;
    private Sensor released;
    private Map<RejectionReason, Sensor> rejected;

    /**
     * @param stockLevelInterval see {@link StockLevels}; zero to publish a level with every change
     * @param partitions         partitions of the product and order topics, zero if unknown: an order that falls
     *                           on this task's partition is taken in by the order aggregator here, at once
     * @param promptCommitGap    see {@link PromptCommits}; zero commits at the interval only
     */
    OrderRequestProcessor(Duration dedupeRetention, Duration defaultPaymentWindow, Duration stockLevelInterval,
            int partitions, Duration promptCommitGap) {
        this.dedupeRetention = dedupeRetention;
        this.defaultPaymentWindow = defaultPaymentWindow;
        this.stockLevelInterval = stockLevelInterval;
        this.partitions = partitions;
        this.promptCommitGap = promptCommitGap;
    }

    @Override
    public void init(ProcessorContext<String, Outcome> context) {
        this.context = context;
        this.intake = Intake.keyedByProduct(context, Topics.ORDER_REQUEST_SERDE, OrderRequestEvent::productId,
                METRICS_ENTITY);
        this.stocks = context.getStateStore(InventoryStores.STOCK);
        this.decided = new RememberedIds(context, InventoryStores.DECIDED_ORDERS, dedupeRetention);
        this.holdings = new CustomerHoldings(context);
        StreamsMetrics metrics = context.metrics();
        this.decisionLatency = metrics.addLatencyRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, DECISION,
                Sensor.RecordingLevel.INFO);
        this.accepted = metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, ACCEPTED,
                Sensor.RecordingLevel.INFO);
        this.released = metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY, RELEASED,
                Sensor.RecordingLevel.INFO);
        this.rejected = new EnumMap<>(RejectionReason.class);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, metrics.addRateTotalSensor(Intake.METRICS_SCOPE, METRICS_ENTITY,
                    rejectedSensor(reason), Sensor.RecordingLevel.INFO));
        }
        this.levels = new StockLevels(context, stockLevelInterval, metrics.addRateTotalSensor(Intake.METRICS_SCOPE,
                METRICS_ENTITY, Intake.STOCK_LEVEL_UPDATES, Sensor.RecordingLevel.INFO));
        this.aggregator = new OrderAggregator(context, dedupeRetention);
        this.promptCommits = new PromptCommits(context, promptCommitGap);
        // As often as the stock levels; a processor publishing every level at once still reports progress in batches.
        this.progress = new DecisionProgressReports(context,
                stockLevelInterval.isZero() ? StockLevels.LEFTOVER_CHECK_INTERVAL : stockLevelInterval);
        // The stock adjustments share the task and its stores: this one punctuation publishes for both.
        levels.schedulePublishing();
    }

    /** {@code rejected-out-of-stock}, {@code rejected-limit-exceeded}, ...: one sensor per reason. */
    static String rejectedSensor(RejectionReason reason) {
        return "rejected-" + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        // The header names the order before the value is decoded, so even a dead letter's log line names it.
        String orderId = EventHeaders.get(record.headers(), EventHeaders.ORDER_ID);
        if (orderId != null) {
            MDC.put(MDC_ORDER_ID, orderId);
        }
        try {
            OrderRequestEvent event = intake.admit(record);
            if (event == null) {
                return;
            }
            nameOrder(orderId, event.orderId().value());
            if (event instanceof OrderLineRequested request) {
                decide(record, request);
            } else if (event instanceof UnitsReleased release) {
                release(record, release);
            } else {
                intake.deadLetter(record, PoisonReason.UNKNOWN_EVENT_TYPE,
                        "no rule for " + event.getClass().getSimpleName());
            }
        } finally {
            MDC.remove(MDC_ORDER_ID);
            // Decided, released, dropped as a duplicate or dead-lettered alike: the record is behind every buyer.
            context.recordMetadata().ifPresent(progress::processed);
        }
    }

    /** Names the decoded event's order in the log lines, unless the header already named that one. */
    static void nameOrder(String fromHeader, String fromEvent) {
        if (!fromEvent.equals(fromHeader)) {
            MDC.put(MDC_ORDER_ID, fromEvent);
        }
    }

    private void decide(Record<byte[], byte[]> record, OrderLineRequested request) {
        // Exactly-once does not remove application-level re-sends: it keeps this processor from deciding a record it
        // re-reads after a crash twice, but a request sent twice (the order API re-sending an order whose first send
        // it never saw acknowledged, under a new eventId) arrives as two records. So a decided line is remembered by
        // its order ID, not its eventId, and the second copy dropped. A line whose order is decided here is
        // remembered by the order's progress, which this task stores anyway and keeps at least the dedupe retention
        // after the order ends; the other lines by the decided-orders store, for the dedupe retention.
        boolean orderHere = decidesOrderHere(request);
        OrderProgress order = orderHere ? aggregator.progressOf(request.orderId()) : null;
        String line = orderHere ? null : lineKey(request);
        if (orderHere ? OrderAggregator.hasHeardOf(order, request.productId()) : decided.contains(line)) {
            intake.dropDuplicate("order " + request.orderId() + " for product " + request.productId());
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        ProductStock stock = stocks.get(request.productId().value());
        OrderResult result = stock == null
                ? rejected(request, RejectionReason.UNKNOWN_PRODUCT, now)
                : reserveOrReject(record, request, stock, now);
        if (!orderHere) {
            decided.remember(line, result instanceof OrderRejected rejected ? rejected.reason().name() : "ACCEPTED");
        }
        count(result, now);
        // Fresh headers: the serde writes the result's own type; nothing of the request travels along.
        context.forward(new Record<>(request.orderId().value(), new Outcome.Decided(result), record.timestamp(),
                new RecordHeaders()));
        if (orderHere) {
            // The order moves on in this transaction. The result's copy from the results topic finds the line heard
            // of and changes nothing.
            aggregator.take(order, result, record.timestamp());
        }
        promptCommits.decided(record.timestamp());
    }

    private OrderResult reserveOrReject(Record<byte[], byte[]> record, OrderLineRequested request, ProductStock stock,
            Instant now) {
        // Read once: for the limit check when the product has a limit, and in any case to count an acceptance.
        CustomerHoldings.Holding holding = stock.maxPerCustomer() == null ? null
                : holdings.of(request.productId(), request.customerId());
        if (holding != null && !stock.allows(holding.units(), request.quantity())) {
            // Checked before the stock: the buyer could not have this line even after a restock.
            return rejected(request, RejectionReason.LIMIT_EXCEEDED, now);
        }
        if (!stock.covers(request.quantity())) {
            return rejected(request, RejectionReason.OUT_OF_STOCK, now);
        }
        ProductStock reserved = stock.reserve(request.quantity());
        stocks.put(request.productId().value(), reserved);
        holdings.add(holding != null ? holding : holdings.of(request.productId(), request.customerId()),
                request.quantity());
        levels.changed(request.productId(), stock, reserved, record.timestamp());
        return new OrderAccepted(RandomIds.uuid(), request.orderId(), request.customerId(), request.productId(),
                request.quantity(), request.occurredAt(), now, stock.paymentWindowOr(defaultPaymentWindow),
                request.lineCount());
    }

    private void release(Record<byte[], byte[]> record, UnitsReleased release) {
        // The aggregator sends each release once and exactly-once keeps this processor from applying a record twice,
        // but a release published twice all the same would put units on sale that do not exist: remember each line.
        String line = RELEASED_PREFIX + lineKey(release.productId(), release.orderId());
        if (decided.contains(line)) {
            intake.dropDuplicate("release of order " + release.orderId() + " for product " + release.productId());
            return;
        }
        String productKey = release.productId().value();
        ProductStock stock = stocks.get(productKey);
        if (stock == null) {
            intake.deadLetter(record, PoisonReason.NOT_APPLICABLE,
                    "cannot release units of product " + productKey + ": it was never stocked");
            return;
        }
        ProductStock restored;
        try {
            restored = stock.replenish(release.quantity());
        } catch (ProductStock.StockOverflowException e) {
            intake.deadLetter(record, PoisonReason.NOT_APPLICABLE, e.getMessage());
            return;
        }
        stocks.put(productKey, restored);
        holdings.release(release.productId(), release.customerId(), release.quantity());
        decided.remember(line, release.cause().name());
        released.record();
        levels.changed(release.productId(), stock, restored, record.timestamp());
    }

    private void count(OrderResult result, Instant now) {
        decisionLatency.record(Math.max(0, Duration.between(result.requestedAt(), now).toMillis()));
        if (result instanceof OrderRejected rejection) {
            rejected.get(rejection.reason()).record();
        } else {
            accepted.record();
        }
    }

    private static OrderRejected rejected(OrderLineRequested request, RejectionReason reason, Instant now) {
        return new OrderRejected(RandomIds.uuid(), request.orderId(), request.customerId(), request.productId(),
                request.quantity(), reason, request.occurredAt(), now, request.lineCount());
    }

    /** Whether the order's results are read on this task: its ID falls on its product's partition, this one. */
    private boolean decidesOrderHere(OrderLineRequested request) {
        return OrderPartitions.decidedWhole(request.orderId(), request.productId(), partitions)
                && context.recordMetadata().map(source -> source.partition()
                        == OrderPartitions.partitionOf(request.orderId().value(), partitions)).orElse(false);
    }

    /** Length-prefixed so that no product and order ID pair can spell another pair's key. */
    static String lineKey(OrderLineRequested request) {
        return lineKey(request.productId(), request.orderId());
    }

    static String lineKey(ProductId productId, OrderId orderId) {
        String product = productId.value();
        return product.length() + ":" + product + ":" + orderId.value();
    }
}
