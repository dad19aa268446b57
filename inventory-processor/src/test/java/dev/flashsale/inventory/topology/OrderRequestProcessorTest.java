package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.resent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The reservation rule alone: the processor on a mock context with in-memory stores. */
class OrderRequestProcessorTest {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:07Z");
    private static final UUID STOCKED_BY = UUID.randomUUID();
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    private static final Duration STOCK_LEVEL_INTERVAL = Duration.ofMillis(100);

    private MockProcessorContext<String, Outcome> context;
    private KeyValueStore<String, ProductStock> stocks;
    private KeyValueStore<String, Integer> holdings;
    private KeyValueStore<String, Long> unreported;
    private WindowStore<String, String> decided;
    private KeyValueStore<String, OrderProgress> orders;
    private KeyValueStore<String, String> deadlines;
    private KeyValueStore<String, String> purges;
    private OrderRequestProcessor processor;

    @BeforeEach
    void initProcessor() {
        stocks = InMemoryStores.keyValue(InventoryStores.STOCK, InventoryStores.PRODUCT_STOCK);
        unreported = InMemoryStores.keyValue(InventoryStores.STOCK_UNREPORTED, Serdes.Long());
        decided = new FakeWindowStore(InventoryStores.DECIDED_ORDERS);
        holdings = InMemoryStores.keyValue(InventoryStores.CUSTOMER_HOLDINGS, Serdes.Integer());
        orders = InMemoryStores.keyValue(InventoryStores.ORDERS, InventoryStores.ORDER_PROGRESS);
        deadlines = InMemoryStores.keyValue(InventoryStores.ORDER_DEADLINES, Serdes.String());
        purges = InMemoryStores.keyValue(InventoryStores.ORDER_PURGES, Serdes.String());
        context = newContext();
        orders.init(context.getStateStoreContext(), orders);
        deadlines.init(context.getStateStoreContext(), deadlines);
        purges.init(context.getStateStoreContext(), purges);
        stocks.init(context.getStateStoreContext(), stocks);
        unreported.init(context.getStateStoreContext(), unreported);
        decided.init(context.getStateStoreContext(), decided);
        holdings.init(context.getStateStoreContext(), holdings);
        processor = newProcessor(context);
    }

    /** A context as a task gives one: the same stores, a fresh record of what was forwarded and scheduled. */
    private MockProcessorContext<String, Outcome> newContext() {
        MockProcessorContext<String, Outcome> fresh = new MockProcessorContext<>();
        fresh.setCurrentSystemTimeMs(NOW.toEpochMilli());
        fresh.setCurrentStreamTimeMs(NOW.toEpochMilli());
        fresh.setRecordMetadata(Topics.ORDER_REQUESTS.name(), 3, 42L);
        fresh.addStateStore(stocks);
        fresh.addStateStore(unreported);
        fresh.addStateStore(decided);
        fresh.addStateStore(holdings);
        fresh.addStateStore(orders);
        fresh.addStateStore(deadlines);
        fresh.addStateStore(purges);
        return fresh;
    }

    private static OrderRequestProcessor newProcessor(MockProcessorContext<String, Outcome> context) {
        return newProcessor(context, STOCK_LEVEL_INTERVAL);
    }

    private static OrderRequestProcessor newProcessor(MockProcessorContext<String, Outcome> context,
            Duration stockLevelInterval) {
        OrderRequestProcessor processor = new OrderRequestProcessor(RETENTION, DEFAULT_WINDOW, stockLevelInterval, 1,
                Duration.ZERO);
        processor.init(context);
        return processor;
    }

    @Test
    void reservesTheUnitsAndEmitsTheAcceptanceAndMarksTheLevelForTheNextPunctuation() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        OrderLineRequested request = orderLine("camera", "order-1", 2);

        processor.process(record("camera", request));

        assertThat(stocks.get("camera")).isEqualTo(new ProductStock(1, 8, STOCKED_BY));
        assertThat(holdings.get(CustomerHoldings.key(request.productId(), request.customerId()))).isEqualTo(2);
        assertThat(unreported.get("camera")).isEqualTo(NOW.toEpochMilli());
        assertThat(outcomes()).containsExactly(
                new Outcome.Decided(new OrderAccepted(acceptedEventId(), request.orderId(), request.customerId(),
                        request.productId(), 2, request.occurredAt(), NOW, DEFAULT_WINDOW, null)));
        assertThat(context.forwarded().stream().map(forward -> (String) forward.record().key()))
                .containsExactly("order-1");
    }

    @Test
    void publishesTheMarkedLevelAtTheWallClockPunctuationAndClearsTheMark() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        processor.process(record("camera", orderLine("camera", "order-1", 1)));
        context.resetForwards();

        punctuate(context, NOW.plus(STOCK_LEVEL_INTERVAL));

        assertThat(outcomes()).containsExactly(
                new Outcome.LevelChanged(new StockLevel(new ProductId("camera"), 2, 8, NOW)));
        assertThat(unreported.get("camera")).isNull();
    }

    @Test
    void decidesAnOrderThatFallsOnThisPartitionWholeWithItsLine() {
        int partitions = 6;
        ProductId camera = new ProductId("camera");
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        context.setRecordMetadata(Topics.ORDER_REQUESTS.name(), OrderPartitions.partitionOf("camera", partitions), 42L);
        OrderRequestProcessor onSix = new OrderRequestProcessor(RETENTION, DEFAULT_WINDOW, STOCK_LEVEL_INTERVAL,
                partitions, Duration.ZERO);
        onSix.init(context);
        String orderId = OrderPartitions.orderIdOnPartitionOf(camera, partitions).value();

        onSix.process(record("camera", orderLine("camera", orderId, 1)));

        assertThat(outcomes()).hasSize(2).first().isInstanceOf(Outcome.Decided.class);
        assertThat(outcomes().get(1)).isInstanceOfSatisfying(Outcome.LifecycleChanged.class, changed ->
                assertThat(changed.event()).isInstanceOfSatisfying(OrderStatusChanged.class, accepted -> {
                    assertThat(accepted.orderId().value()).isEqualTo(orderId);
                    assertThat(accepted.status()).isEqualTo(OrderStatus.ACCEPTED);
                    assertThat(accepted.paymentDeadline()).isEqualTo(NOW.plus(DEFAULT_WINDOW));
                }));
        assertThat(orders.get(orderId).status()).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void leavesAnOrderOfAnotherPartitionToTheAggregatorThatReadsItsResult() {
        int partitions = 6;
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        context.setRecordMetadata(Topics.ORDER_REQUESTS.name(), OrderPartitions.partitionOf("camera", partitions), 42L);
        OrderRequestProcessor onSix = new OrderRequestProcessor(RETENTION, DEFAULT_WINDOW, STOCK_LEVEL_INTERVAL,
                partitions, Duration.ZERO);
        onSix.init(context);
        String orderId = IntStream.range(1, 100).mapToObj(i -> "order-" + i)
                .filter(id -> !OrderPartitions.decidedWhole(new OrderId(id), new ProductId("camera"), partitions))
                .findFirst().orElseThrow();

        onSix.process(record("camera", orderLine("camera", orderId, 1)));

        assertThat(outcomes()).singleElement().isInstanceOf(Outcome.Decided.class);
        assertThat(orders.get(orderId)).isNull();
    }

    @Test
    void asksForAPromptCommitOfADecisionButNotOfADroppedDuplicate() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        OrderRequestProcessor prompt = new OrderRequestProcessor(RETENTION, DEFAULT_WINDOW, STOCK_LEVEL_INTERVAL, 1,
                Duration.ofMillis(10));
        prompt.init(context);
        OrderLineRequested request = orderLine("camera", "order-1", 1);

        prompt.process(record("camera", request));

        assertThat(context.committed()).as("decided").isTrue();
        context.resetCommit();
        context.setCurrentSystemTimeMs(NOW.toEpochMilli() + 15);
        prompt.process(record("camera", resent(request)));
        assertThat(context.committed()).as("a duplicate decides nothing").isFalse();
    }

    @Test
    void punctuatesOnlyWhileALevelIsMarkedSoThatAnIdleProcessorCommitsNothing() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));

        punctuate(context, NOW.plus(STOCK_LEVEL_INTERVAL));

        assertThat(context.scheduledPunctuators()).singleElement()
                .satisfies(idle -> assertThat(idle.cancelled()).as("nothing was marked").isTrue());
        processor.process(record("camera", orderLine("camera", "order-1", 1)));
        // The stock levels' scheduled again with the mark, then the decision progress' for the record processed.
        assertThat(context.scheduledPunctuators()).hasSize(3).element(1)
                .satisfies(marked -> assertThat(marked.cancelled()).as("a level is marked").isFalse());
    }

    @Test
    void publishesTheSoldOutLevelWithTheAcceptanceAndLeavesNothingMarked() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        processor.process(record("camera", orderLine("camera", "order-1", 1)));

        processor.process(record("camera", orderLine("camera", "order-2", 2)));

        assertThat(outcomes()).filteredOn(Outcome.LevelChanged.class::isInstance).containsExactly(
                new Outcome.LevelChanged(new StockLevel(new ProductId("camera"), 0, 9, NOW)));
        assertThat(unreported.get("camera")).isNull();
    }

    @Test
    void publishesALevelMarkedBeforeARestartFromTheStoresAlone() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        processor.process(record("camera", orderLine("camera", "order-1", 1)));

        // The task restarts: a new processor and context, and only what the (changelogged) stores hold.
        MockProcessorContext<String, Outcome> restarted = newContext();
        newProcessor(restarted);
        punctuate(restarted, NOW.plus(STOCK_LEVEL_INTERVAL));

        assertThat(restarted.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo("camera");
            assertThat(forward.record().value()).isEqualTo(
                    new Outcome.LevelChanged(new StockLevel(new ProductId("camera"), 2, 8, NOW)));
        });
        assertThat(unreported.get("camera")).isNull();
    }

    @Test
    void readsTheBuyersHoldingOnceToDecideALimitedLineAndNotAtAllToRejectAnUnlimitedOne() {
        holdings = spy(holdings);
        context = newContext();
        processor = newProcessor(context);
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY, 2));
        stocks.put("lens", new ProductStock(0, 4, STOCKED_BY));
        OrderLineRequested limited = orderLine("camera", "order-1", 1);

        processor.process(record("camera", limited));
        processor.process(record("lens", orderLine("lens", "order-2", 1)));

        String key = CustomerHoldings.key(limited.productId(), limited.customerId());
        verify(holdings, times(1)).get(anyString());
        verify(holdings, times(1)).get(key);
        verify(holdings, times(1)).put(key, 1);
    }

    @Test
    void rejectsWhenFewerUnitsAreAvailableAndLeavesTheStockAlone() {
        stocks.put("camera", new ProductStock(1, 7, STOCKED_BY));

        processor.process(record("camera", orderLine("camera", "order-1", 2)));

        assertThat(stocks.get("camera")).isEqualTo(new ProductStock(1, 7, STOCKED_BY));
        assertThat(outcomes()).singleElement().satisfies(outcome -> assertThat(((Outcome.Decided) outcome).result())
                .isInstanceOfSatisfying(OrderRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK)));
    }

    @Test
    void rejectsAnUnknownProductWithoutCreatingIt() {
        processor.process(record("camera", orderLine("camera", "order-1", 1)));

        assertThat(stocks.get("camera")).isNull();
        assertThat(outcomes()).singleElement().satisfies(outcome -> assertThat(((Outcome.Decided) outcome).result())
                .isInstanceOfSatisfying(OrderRejected.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.UNKNOWN_PRODUCT)));
    }

    @Test
    void dropsAResentOrderWithoutASecondResult() {
        stocks.put("camera", new ProductStock(5, 1, STOCKED_BY));
        OrderLineRequested request = orderLine("camera", "order-1", 1);
        processor.process(record("camera", request));
        context.resetForwards();

        processor.process(record("camera", resent(request)));

        assertThat(context.forwarded()).isEmpty();
        assertThat(stocks.get("camera").available()).isEqualTo(4);
    }

    @Test
    void deadLettersARecordKeyedByAnotherProductWithItsSource() {
        stocks.put("camera", new ProductStock(5, 1, STOCKED_BY));

        processor.process(record("lens", orderLine("camera", "order-1", 1)));

        assertThat(stocks.get("camera").available()).isEqualTo(5);
        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().value()).isInstanceOf(Outcome.DeadLettered.class);
            var headers = forward.record().headers();
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_REASON)).isEqualTo(PoisonReason.KEY_MISMATCH.name());
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_SOURCE_TOPIC))
                    .isEqualTo(Topics.ORDER_REQUESTS.name());
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_SOURCE_PARTITION)).isEqualTo("3");
            assertThat(EventHeaders.get(headers, EventHeaders.DLQ_SOURCE_OFFSET)).isEqualTo("42");
        });
    }

    @Test
    void namesTheOrderInItsLogLinesAndNowhereElse() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger intakeLog = (Logger) LoggerFactory.getLogger(Intake.class);
        lines.start();
        intakeLog.addAppender(lines);
        try {
            processor.process(record("lens", orderLine("camera", "order-1", 1)));
        } finally {
            intakeLog.detachAppender(lines);
        }

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).startsWith("Dead-lettered KEY_MISMATCH");
            assertThat(line.getMDCPropertyMap()).containsEntry(OrderRequestProcessor.MDC_ORDER_ID, "order-1");
        });
        assertThat(MDC.get(OrderRequestProcessor.MDC_ORDER_ID)).isNull();
    }

    @Test
    void namesTheEventsOrderInItsLogLinesWhenNoHeaderOrAnotherOneNamedIt() {
        stocks.put("camera", new ProductStock(5, 1, STOCKED_BY));
        OrderLineRequested request = orderLine("camera", "order-1", 1);
        processor.process(record("camera", request));
        Record<byte[], byte[]> unnamed = record("camera", resent(request));
        unnamed.headers().remove(EventHeaders.ORDER_ID);
        Record<byte[], byte[]> misnamed = record("camera", resent(request));
        EventHeaders.put(misnamed.headers(), EventHeaders.ORDER_ID, "order-2");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger intakeLog = (Logger) LoggerFactory.getLogger(Intake.class);
        Level level = intakeLog.getLevel();
        intakeLog.setLevel(Level.DEBUG);
        lines.start();
        intakeLog.addAppender(lines);
        try {
            processor.process(unnamed);
            processor.process(misnamed);
        } finally {
            intakeLog.detachAppender(lines);
            intakeLog.setLevel(level);
        }

        assertThat(lines.list).hasSize(2).allSatisfy(line -> {
            assertThat(line.getFormattedMessage()).startsWith("Dropped duplicate order order-1");
            assertThat(line.getMDCPropertyMap()).containsEntry(OrderRequestProcessor.MDC_ORDER_ID, "order-1");
        });
        assertThat(MDC.get(OrderRequestProcessor.MDC_ORDER_ID)).isNull();
    }

    @Test
    void publishesEveryChangeAtOnceWithoutAnIntervalAndWhatARunWithOneLeftMarked() {
        stocks.put("camera", new ProductStock(3, 7, STOCKED_BY));
        stocks.put("lens", new ProductStock(5, 2, STOCKED_BY));
        processor.process(record("lens", orderLine("lens", "order-0", 1)));

        MockProcessorContext<String, Outcome> restarted = newContext();
        OrderRequestProcessor everyChange = newProcessor(restarted, Duration.ZERO);
        everyChange.process(record("camera", orderLine("camera", "order-1", 1)));
        punctuate(restarted, NOW.plus(StockLevels.LEFTOVER_CHECK_INTERVAL), StockLevels.LEFTOVER_CHECK_INTERVAL);

        assertThat(restarted.forwarded()).<Object>extracting(forward -> forward.record().value())
                .filteredOn(Outcome.LevelChanged.class::isInstance).containsExactly(
                        new Outcome.LevelChanged(new StockLevel(new ProductId("camera"), 2, 8, NOW)),
                        new Outcome.LevelChanged(new StockLevel(new ProductId("lens"), 4, 3, NOW)));
        assertThat(unreported.get("camera")).isNull();
        assertThat(unreported.get("lens")).isNull();
    }

    private static void punctuate(MockProcessorContext<String, Outcome> context, Instant at) {
        punctuate(context, at, STOCK_LEVEL_INTERVAL);
    }

    /**
     * Fires the processor's wall-clock punctuations (the stock levels', and the decision progress' while records
     * came), as the task would once their interval has passed.
     */
    private static void punctuate(MockProcessorContext<String, Outcome> context, Instant at, Duration interval) {
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        List<MockProcessorContext.CapturedPunctuator> due = context.scheduledPunctuators().stream()
                .filter(scheduled -> !scheduled.cancelled()).toList();
        assertThat(due).isNotEmpty().allSatisfy(scheduled -> {
            assertThat(scheduled.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(scheduled.getInterval()).isEqualTo(interval);
        });
        due.forEach(scheduled -> scheduled.getPunctuator().punctuate(at.toEpochMilli()));
    }

    private static Record<byte[], byte[]> record(String key, OrderLineRequested request) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value = Topics.ORDER_REQUEST_SERDE.encode(headers, request);
        return new Record<>(key.getBytes(StandardCharsets.UTF_8), value, NOW.toEpochMilli(), headers);
    }

    /** What the processor forwarded but its decision progress, which {@link DecisionProgressReportsTest} covers. */
    private List<Outcome> outcomes() {
        return context.forwarded().stream().map(forward -> (Outcome) forward.record().value())
                .filter(outcome -> !(outcome instanceof Outcome.ProgressMade)).toList();
    }

    /** Results get a fresh eventId; take it from what was emitted so the rest can be compared whole. */
    private UUID acceptedEventId() {
        return outcomes().stream().filter(Outcome.Decided.class::isInstance)
                .map(outcome -> ((Outcome.Decided) outcome).result().eventId()).findFirst().orElseThrow();
    }
}
