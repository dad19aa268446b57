package dev.flashsale.events;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of flashsale. Keys are UTF-8 strings; values JSON with {@link EventHeaders type headers}; order events
 * also carry their order ID in the {@link EventHeaders#ORDER_ID} header.
 * {@link #ORDER_REQUESTS} and {@link #STOCK_ADJUSTMENTS} must have the same partition count: the processor joins them
 * in one task per partition; so must {@link #ORDER_RESULTS} and {@link #ORDER_COMMANDS}, for the order aggregator.
 */
public final class Topics {

    public static final EventSerde<OrderRequestEvent> ORDER_REQUEST_SERDE = EventSerde.of(OrderRequestEvent.class,
            EventType.of(OrderLineRequested.class, 1),
            EventType.of(UnitsReleased.class, 1))
            .withHeader(EventHeaders.ORDER_ID, event -> event.orderId().value());
    public static final EventSerde<StockAdjustment> STOCK_ADJUSTMENT_SERDE = EventSerde.of(StockAdjustment.class,
            EventType.of(ProductStocked.class, 1),
            EventType.of(StockReplenished.class, 1),
            EventType.of(PurchaseLimitSet.class, 1),
            EventType.of(PaymentWindowSet.class, 1));
    public static final EventSerde<OrderResult> ORDER_RESULT_SERDE = EventSerde.of(OrderResult.class,
            EventType.of(OrderAccepted.class, 1),
            // Version 2 may carry the reason LIMIT_EXCEEDED, which version 1 readers cannot read.
            EventType.of(OrderRejected.class, 2))
            .withHeader(EventHeaders.ORDER_ID, result -> result.orderId().value());
    public static final EventSerde<OrderCommandEvent> ORDER_COMMAND_SERDE = EventSerde.of(OrderCommandEvent.class,
            EventType.of(PaymentSubmitted.class, 1),
            EventType.of(CancellationRequested.class, 1),
            EventType.of(PaymentDeadlinePassed.class, 1))
            .withHeader(EventHeaders.ORDER_ID, command -> command.orderId().value());
    public static final EventSerde<OrderLifecycleEvent> ORDER_LIFECYCLE_SERDE = EventSerde.of(
            OrderLifecycleEvent.class,
            EventType.of(OrderStatusChanged.class, 1),
            EventType.of(OrderCommandRefused.class, 1))
            .withHeader(EventHeaders.ORDER_ID, event -> event.orderId().value());
    public static final EventSerde<StockLevel> STOCK_LEVEL_SERDE = EventSerde.of(StockLevel.class,
            EventType.of(StockLevel.class, 1));
    public static final EventSerde<DecisionProgress> DECISION_PROGRESS_SERDE = EventSerde.of(DecisionProgress.class,
            EventType.of(DecisionProgress.class, 1));

    private static final Serde<String> KEYS = Serdes.String();

    /**
     * The requests, stock adjustments and decisions are the system's record: kept for ever (not the broker's default
     * week), so that the read model can be rebuilt from them at any time (bin/rebuild-read-model).
     */
    private static final Map<String, String> KEPT_FOR_EVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

    /**
     * Key: product ID. Value: {@link OrderRequestEvent}: one {@link OrderLineRequested} per order line, and one
     * {@link UnitsReleased} per reserved line the order aggregator gives back.
     */
    public static final Topic<String, OrderRequestEvent> ORDER_REQUESTS =
            new Topic<>("flashsale.order-requests", KEYS, ORDER_REQUEST_SERDE, KEPT_FOR_EVER);

    /** Key: product ID. Value: {@link StockAdjustment}: initial stock, restocks, purchase limits, payment windows. */
    public static final Topic<String, StockAdjustment> STOCK_ADJUSTMENTS =
            new Topic<>("flashsale.stock-adjustments", KEYS, STOCK_ADJUSTMENT_SERDE, KEPT_FOR_EVER);

    /**
     * Key: order ID. Value: {@link OrderResult}, exactly one per order line requested. Co-partitioned with
     * {@link #ORDER_COMMANDS}: the order aggregator reads both in one task per partition.
     */
    public static final Topic<String, OrderResult> ORDER_RESULTS =
            new Topic<>("flashsale.order-results", KEYS, ORDER_RESULT_SERDE, KEPT_FOR_EVER);

    /**
     * Key: order ID. Value: {@link OrderCommandEvent}: buyers' payments and cancellations ({@link OrderCommand}), and
     * the order aggregator's own proposals to expire an overdue order ({@link PaymentDeadlinePassed}), for the
     * aggregator.
     */
    public static final Topic<String, OrderCommandEvent> ORDER_COMMANDS =
            new Topic<>("flashsale.order-commands", KEYS, ORDER_COMMAND_SERDE, KEPT_FOR_EVER);

    /** Key: order ID. Value: {@link OrderLifecycleEvent}: the status of whole orders, as the aggregator decides it. */
    public static final Topic<String, OrderLifecycleEvent> ORDER_LIFECYCLE =
            new Topic<>("flashsale.order-lifecycle", KEYS, ORDER_LIFECYCLE_SERDE, KEPT_FOR_EVER);

    /** Key: product ID. Value: {@link StockLevel}. Compacted: the latest level of every product is kept forever. */
    public static final Topic<String, StockLevel> STOCK_LEVELS =
            new Topic<>("flashsale.stock-levels", KEYS, STOCK_LEVEL_SERDE,
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Key: the number of a partition of {@link #ORDER_REQUESTS}, as text. Value: {@link DecisionProgress}, how far the
     * processor has decided that partition, so that a buyer can be told their place in line. Compacted: the latest
     * progress of every partition is kept.
     */
    public static final Topic<String, DecisionProgress> DECISION_PROGRESS =
            new Topic<>("flashsale.decision-progress", KEYS, DECISION_PROGRESS_SERDE,
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    /**
     * Key and value: the original bytes of a record that could not be processed, with the reason and its source in
     * {@code dlq-*} headers. Kept for 30 days so operators can inspect and replay.
     */
    public static final Topic<byte[], byte[]> DEAD_LETTERS =
            new Topic<>("flashsale.dead-letters", Serdes.ByteArray(), Serdes.ByteArray(),
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(30L * 24 * 60 * 60 * 1000)));

    public static final List<Topic<?, ?>> ALL =
            List.of(ORDER_REQUESTS, STOCK_ADJUSTMENTS, ORDER_RESULTS, ORDER_COMMANDS, ORDER_LIFECYCLE, STOCK_LEVELS,
                    DECISION_PROGRESS, DEAD_LETTERS);

    private Topics() {
    }
}
