package dev.flashsale.inventory.topology;

import dev.flashsale.events.DecisionProgress;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderCommandEvent;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.OrderStatus;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import dev.flashsale.events.UnitsReleased;
import dev.flashsale.inventory.InventoryEvents;
import dev.flashsale.inventory.InventorySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology on a {@link TopologyTestDriver}, with the topics typed as the other services see them.
 * Output is collected as it is read, so a test can read several times and still see everything.
 */
final class InventoryTestDriver implements AutoCloseable {

    /** The driver's wall clock: every decision made in a test is stamped with it. */
    static final Instant DECIDED_AT = Instant.parse("2026-03-01T09:00:05Z");

    private final TopologyTestDriver driver;
    private final InventorySettings settings;
    private final TestInputTopic<String, OrderRequestEvent> requests;
    private final TestInputTopic<String, StockAdjustment> adjustments;
    private final TestInputTopic<String, OrderCommandEvent> commands;
    private final TestInputTopic<String, OrderResult> resultsIn;
    private final Map<String, TestInputTopic<byte[], byte[]>> rawInputs = new HashMap<>();
    private final Map<String, Long> piped = new HashMap<>();
    private final TestOutputTopic<String, OrderResult> resultTopic;
    private final TestOutputTopic<String, StockLevel> levelTopic;
    private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
    private final TestOutputTopic<String, OrderLifecycleEvent> lifecycleTopic;
    private final TestOutputTopic<String, OrderRequestEvent> releaseTopic;
    private final TestOutputTopic<String, DecisionProgress> progressTopic;
    private final TestOutputTopic<String, OrderCommandEvent> commandTopic;
    private final List<TestRecord<String, OrderLifecycleEvent>> lifecycle = new ArrayList<>();
    private final List<TestRecord<String, OrderRequestEvent>> releases = new ArrayList<>();
    private final List<TestRecord<String, OrderResult>> results = new ArrayList<>();
    private final List<TestRecord<String, StockLevel>> levels = new ArrayList<>();
    private final List<TestRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private final List<TestRecord<String, DecisionProgress>> progress = new ArrayList<>();
    private final List<TestRecord<String, OrderCommandEvent>> written = new ArrayList<>();

    /**
     * The topology as Kafka Streams runs it on one partition, which is every topic's in a TopologyTestDriver: so each
     * order falls on its product's partition, and is decided whole there (OrderPartitions).
     */
    InventoryTestDriver(InventorySettings settings) {
        this(settings, 1);
    }

    /** @param partitions as the topology is told: with more than one, only orders whose ID falls on their product's partition are decided whole */
    InventoryTestDriver(InventorySettings settings, int partitions) {
        settings = settings.withTopicPartitions(partitions);
        this.settings = settings;
        driver = new TopologyTestDriver(InventoryTopology.build(new StreamsBuilder(), settings),
                InventoryTopology.streamsProperties(settings), DECIDED_AT);
        requests = driver.createInputTopic(Topics.ORDER_REQUESTS.name(), new StringSerializer(),
                Topics.ORDER_REQUEST_SERDE.serializer());
        adjustments = driver.createInputTopic(Topics.STOCK_ADJUSTMENTS.name(), new StringSerializer(),
                Topics.STOCK_ADJUSTMENT_SERDE.serializer());
        commands = driver.createInputTopic(Topics.ORDER_COMMANDS.name(), new StringSerializer(),
                Topics.ORDER_COMMAND_SERDE.serializer());
        resultsIn = driver.createInputTopic(Topics.ORDER_RESULTS.name(), new StringSerializer(),
                Topics.ORDER_RESULT_SERDE.serializer());
        for (String topic : List.of(Topics.ORDER_REQUESTS.name(), Topics.STOCK_ADJUSTMENTS.name(),
                Topics.ORDER_RESULTS.name(), Topics.ORDER_COMMANDS.name())) {
            rawInputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
        }
        resultTopic = driver.createOutputTopic(Topics.ORDER_RESULTS.name(), new StringDeserializer(),
                Topics.ORDER_RESULT_SERDE.deserializer());
        levelTopic = driver.createOutputTopic(Topics.STOCK_LEVELS.name(), new StringDeserializer(),
                Topics.STOCK_LEVEL_SERDE.deserializer());
        deadLetterTopic = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        lifecycleTopic = driver.createOutputTopic(Topics.ORDER_LIFECYCLE.name(), new StringDeserializer(),
                Topics.ORDER_LIFECYCLE_SERDE.deserializer());
        // The driver feeds what the topology writes to one of its own source topics back into it, as a broker would:
        // a release written to order-requests is applied to the product's stock without the test piping it.
        releaseTopic = driver.createOutputTopic(Topics.ORDER_REQUESTS.name(), new StringDeserializer(),
                Topics.ORDER_REQUEST_SERDE.deserializer());
        progressTopic = driver.createOutputTopic(Topics.DECISION_PROGRESS.name(), new StringDeserializer(),
                Topics.DECISION_PROGRESS_SERDE.deserializer());
        // Likewise a proposal to expire, written to order-commands, is read back by the aggregator at once.
        commandTopic = driver.createOutputTopic(Topics.ORDER_COMMANDS.name(), new StringDeserializer(),
                Topics.ORDER_COMMAND_SERDE.deserializer());
    }

    /** The decision progress published so far, with its keys. */
    List<TestRecord<String, DecisionProgress>> progressRecords() {
        progress.addAll(progressTopic.readRecordsToList());
        return List.copyOf(progress);
    }

    void request(OrderRequestEvent... events) {
        for (OrderRequestEvent event : events) {
            request(event, InventoryEvents.REQUESTED_AT);
        }
    }

    void request(OrderRequestEvent event, Instant timestamp) {
        requests.pipeInput(event.productId().value(), event, timestamp);
        count(Topics.ORDER_REQUESTS.name());
    }

    void adjust(StockAdjustment... events) {
        for (StockAdjustment event : events) {
            adjustments.pipeInput(event.productId().value(), event, InventoryEvents.REQUESTED_AT);
            count(Topics.STOCK_ADJUSTMENTS.name());
        }
    }

    /**
     * A buyer's payment or cancellation, or a proposal to expire as another instance of the aggregator may write it,
     * keyed by its order.
     */
    void command(OrderCommandEvent... events) {
        for (OrderCommandEvent event : events) {
            commands.pipeInput(event.orderId().value(), event, InventoryEvents.REQUESTED_AT);
            count(Topics.ORDER_COMMANDS.name());
        }
    }

    /** A line result as if another writer had published it, such as one written before payment deadlines. */
    void result(OrderResult result) {
        resultsIn.pipeInput(result.orderId().value(), result, InventoryEvents.REQUESTED_AT);
        count(Topics.ORDER_RESULTS.name());
    }

    /** Moves the driver's wall clock on, firing the wall-clock punctuators that fall due, such as the expiry check. */
    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** Moves the wall clock on by one stock-level interval: the levels that orders changed since are published. */
    void publishStockLevels() {
        advanceWallClock(settings.stockLevelInterval().isZero() ? StockLevels.LEFTOVER_CHECK_INTERVAL
                : settings.stockLevelInterval());
    }

    /** What the topology wrote to order-commands, with its keys: the aggregator's proposals to expire. */
    List<TestRecord<String, OrderCommandEvent>> writtenCommands() {
        written.addAll(commandTopic.readRecordsToList());
        return List.copyOf(written);
    }

    List<OrderLifecycleEvent> lifecycle() {
        lifecycle.addAll(lifecycleTopic.readRecordsToList());
        return lifecycle.stream().map(TestRecord::value).toList();
    }

    List<TestRecord<String, OrderLifecycleEvent>> lifecycleRecords() {
        lifecycle();
        return List.copyOf(lifecycle);
    }

    /** The lifecycle events of one order, in order. */
    List<OrderLifecycleEvent> lifecycle(String orderId) {
        return lifecycle().stream().filter(event -> event.orderId().value().equals(orderId)).toList();
    }

    /** The statuses one order moved through. */
    List<OrderStatus> statuses(String orderId) {
        return lifecycle(orderId).stream().filter(OrderStatusChanged.class::isInstance)
                .map(event -> ((OrderStatusChanged) event).status()).toList();
    }

    /** The units released by the order aggregator, as written to order-requests (keyed by product). */
    List<TestRecord<String, OrderRequestEvent>> releaseRecords() {
        releases.addAll(releaseTopic.readRecordsToList());
        return List.copyOf(releases);
    }

    List<UnitsReleased> releases() {
        return releaseRecords().stream().map(TestRecord::value)
                .filter(UnitsReleased.class::isInstance).map(UnitsReleased.class::cast).toList();
    }

    /** The product's available units as its store holds them; null for a product never stocked. */
    Integer available(String productId) {
        KeyValueStore<String, ProductStock> stocks = driver.getKeyValueStore(InventoryStores.STOCK);
        ProductStock stock = stocks.get(productId);
        return stock == null ? null : stock.available();
    }

    /** Units the customer holds in accepted orders of the product. */
    int held(String productId, String customerId) {
        KeyValueStore<String, Integer> holdings = driver.getKeyValueStore(InventoryStores.CUSTOMER_HOLDINGS);
        Integer held = holdings.get(CustomerHoldings.key(new ProductId(productId), new CustomerId(customerId)));
        return held == null ? 0 : held;
    }

    OrderProgress order(String orderId) {
        KeyValueStore<String, OrderProgress> orders = driver.getKeyValueStore(InventoryStores.ORDERS);
        return orders.get(orderId);
    }

    /** The deadline index, key to order ID, in key order. */
    List<String> deadlineKeys() {
        return keys(InventoryStores.ORDER_DEADLINES);
    }

    /** The keys of a key-value store, in key order. */
    List<String> keys(String storeName) {
        KeyValueStore<String, ?> store = driver.getKeyValueStore(storeName);
        List<String> keys = new ArrayList<>();
        try (var entries = store.all()) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /**
     * A key-value store of the topology, to change behind the processors' back. A change made here stays in the
     * store's cache until the driver next commits: after the punctuators a {@link #advanceWallClock} fires.
     */
    <V> KeyValueStore<String, V> store(String storeName) {
        return driver.getKeyValueStore(storeName);
    }

    /** Pipes bytes and headers exactly as given, as a misbehaving producer would. */
    void pipeRaw(String topic, byte[] key, byte[] value, Headers headers) {
        rawInputs.get(topic).pipeInput(new TestRecord<>(key, value, headers, InventoryEvents.REQUESTED_AT));
        count(topic);
    }

    /** How many records were piped into the topic so far: the offset the next one gets. */
    long nextOffset(String topic) {
        return piped.getOrDefault(topic, 0L);
    }

    List<TestRecord<String, OrderResult>> results() {
        results.addAll(resultTopic.readRecordsToList());
        return List.copyOf(results);
    }

    List<OrderAccepted> accepted() {
        return results().stream().map(TestRecord::value)
                .filter(OrderAccepted.class::isInstance).map(OrderAccepted.class::cast).toList();
    }

    List<OrderRejected> rejected(RejectionReason reason) {
        return results().stream().map(TestRecord::value)
                .filter(OrderRejected.class::isInstance).map(OrderRejected.class::cast)
                .filter(rejected -> rejected.reason() == reason).toList();
    }

    List<TestRecord<String, StockLevel>> levelRecords() {
        levels.addAll(levelTopic.readRecordsToList());
        return List.copyOf(levels);
    }

    List<StockLevel> levels() {
        return levelRecords().stream().map(TestRecord::value).toList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        deadLetters.addAll(deadLetterTopic.readRecordsToList());
        return List.copyOf(deadLetters);
    }

    /** The total of a custom counter, such as duplicates dropped, over every thread and task. */
    double counter(String entity, String operation) {
        return metric(entity, operation + "-total");
    }

    /** A custom metric of the topology, such as {@code decision-latency-max}, summed over every thread and task. */
    double metric(String entity, String name) {
        return driver.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals(name))
                .filter(metric -> entity.equals(metric.getKey().tags().get(Intake.METRICS_SCOPE + "-id")))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }

    private void count(String topic) {
        piped.merge(topic, 1L, Long::sum);
    }
}
