package dev.flashsale.inventory.topology;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.released;
import static dev.flashsale.inventory.InventoryEvents.replenished;
import static dev.flashsale.inventory.InventoryEvents.resent;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderPartitions;
import dev.flashsale.events.OrderRejected;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.inventory.InventoryEvents;
import dev.flashsale.inventory.InventorySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTopologyTest {

    private static final Duration RETENTION = Duration.ofHours(1);
    private static final Duration STOCK_LEVEL_INTERVAL = Duration.ofMillis(100);

    @TempDir
    Path stateDir;

    private InventoryTestDriver inventory;

    @BeforeEach
    void startDriver() {
        inventory = new InventoryTestDriver(settings(STOCK_LEVEL_INTERVAL));
    }

    @AfterEach
    void closeDriver() {
        inventory.close();
    }

    private InventorySettings settings(Duration stockLevelInterval) {
        return new InventorySettings(null, "inventory-topology-test", stateDir, 1, null, null, RETENTION, 0,
                (short) 0, 0, null, null, stockLevelInterval, null);
    }

    @Test
    void sellsExactlyTheStockedUnitsAndRejectsTheRest() {
        inventory.adjust(stocked("console", 100));

        IntStream.rangeClosed(1, 150).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));

        assertThat(inventory.accepted()).hasSize(100);
        assertThat(inventory.rejected(RejectionReason.OUT_OF_STOCK)).hasSize(50);
        assertThat(inventory.results()).hasSize(150);
        // Within one interval: the stocked level, then sold out at once; the 99 levels between are never published.
        assertThat(inventory.levels()).extracting(StockLevel::available, StockLevel::version)
                .containsExactly(tuple(100, 1L), tuple(0, 101L));
        inventory.publishStockLevels();
        assertThat(inventory.levels()).hasSize(2);
    }

    @Test
    void publishesTheLatestLevelOfManyReservationsOnceAnInterval() {
        inventory.adjust(stocked("console", 100), stocked("lamp", 10));
        IntStream.rangeClosed(1, 20).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));
        inventory.request(orderLine("lamp", "lamp-order", 2));
        inventory.advanceWallClock(STOCK_LEVEL_INTERVAL.minusMillis(1));
        assertThat(inventory.levels()).hasSize(2);

        inventory.advanceWallClock(Duration.ofMillis(1));
        IntStream.rangeClosed(21, 30).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));
        inventory.publishStockLevels();
        inventory.publishStockLevels();

        assertThat(inventory.levelRecords()).extracting(TestRecord::key, record -> record.value().available(),
                        record -> record.value().version())
                .containsExactly(tuple("console", 100, 1L), tuple("lamp", 10, 1L),
                        tuple("console", 80, 21L), tuple("lamp", 8, 2L),
                        tuple("console", 70, 31L));
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY, Intake.STOCK_LEVEL_UPDATES))
                .isEqualTo(3.0);
        assertThat(inventory.keys(InventoryStores.STOCK_UNREPORTED)).isEmpty();
    }

    @Test
    void stampsACoalescedLevelWithTheTimeOfItsLatestChange() {
        inventory.adjust(stocked("console", 100));
        inventory.request(orderLine("console", "order-1", 1));
        inventory.advanceWallClock(Duration.ofMillis(40));
        inventory.request(orderLine("console", "order-2", 1));

        inventory.publishStockLevels();

        assertThat(inventory.levels()).last().satisfies(level -> {
            assertThat(level.version()).isEqualTo(3L);
            assertThat(level.occurredAt()).isEqualTo(InventoryTestDriver.DECIDED_AT.plusMillis(40));
        });
    }

    @Test
    void publishesSoldOutAndBackOnSaleAtOnceAndNothingOlderAfterThem() {
        inventory.adjust(stocked("console", 3));
        inventory.request(orderLine("console", "order-1", 1), orderLine("console", "order-2", 2));
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(3, 0);

        inventory.request(released("console", "order-2", "customer-order-2", 2));
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(3, 0, 2);
        inventory.request(orderLine("console", "order-3", 1));
        inventory.publishStockLevels();

        assertThat(inventory.levels()).extracting(StockLevel::available, StockLevel::version)
                .containsExactly(tuple(3, 1L), tuple(0, 3L), tuple(2, 4L), tuple(1, 5L));
    }

    @Test
    void publishesEveryChangeWhenTheIntervalIsZero() {
        inventory.close();
        inventory = new InventoryTestDriver(settings(Duration.ZERO));
        inventory.adjust(stocked("console", 10));

        IntStream.rangeClosed(1, 15).forEach(i -> inventory.request(orderLine("console", "order-" + i, 1)));

        assertThat(inventory.levels()).extracting(StockLevel::available)
                .containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(inventory.levels()).extracting(StockLevel::version).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 11).mapToObj(Long::valueOf).toList());
        assertThat(inventory.keys(InventoryStores.STOCK_UNREPORTED)).isEmpty();
    }

    @Test
    void reservesMultiUnitLinesOnlyWhenAllUnitsAreAvailable() {
        inventory.adjust(stocked("lamp", 10));

        inventory.request(orderLine("lamp", "a", 4), orderLine("lamp", "b", 7), orderLine("lamp", "c", 6));

        assertThat(inventory.results()).extracting(record -> record.value().orderId().value(),
                        record -> record.value() instanceof OrderAccepted)
                .containsExactly(tuple("a", true),
                        tuple("b", false),
                        tuple("c", true));
        assertThat(inventory.rejected(RejectionReason.OUT_OF_STOCK)).singleElement()
                .satisfies(rejected -> assertThat(rejected.quantity()).isEqualTo(7));
        assertThat(inventory.available("lamp")).isZero();
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(10, 0);
    }

    @Test
    void rejectsOrdersForAProductItHasNeverSeen() {
        inventory.request(orderLine("ghost", "order-1", 1));

        assertThat(inventory.rejected(RejectionReason.UNKNOWN_PRODUCT)).singleElement()
                .satisfies(rejected -> assertThat(rejected.orderId().value()).isEqualTo("order-1"));
        assertThat(inventory.levels()).isEmpty();
    }

    @Test
    void acceptsMoreOrdersAfterARestock() {
        inventory.adjust(stocked("bike", 1));
        inventory.request(orderLine("bike", "first", 1), orderLine("bike", "second", 1));

        inventory.adjust(replenished("bike", 5));
        inventory.request(orderLine("bike", "third", 3));
        inventory.publishStockLevels();

        assertThat(inventory.results()).extracting(record -> record.value().getClass().getSimpleName())
                .containsExactly("OrderAccepted", "OrderRejected", "OrderAccepted");
        assertThat(inventory.levels()).extracting(StockLevel::available, StockLevel::version)
                .containsExactly(tuple(1, 1L),
                        tuple(0, 2L),
                        tuple(5, 3L),
                        tuple(2, 4L));
    }

    @Test
    void decidesAnOrderOnceWhetherRedeliveredOrResentUnderANewEventId() {
        inventory.adjust(stocked("phone", 10));
        OrderLineRequested order = orderLine("phone", "order-1", 2);

        inventory.request(order);
        inventory.request(order);
        inventory.request(resent(order));
        inventory.publishStockLevels();

        assertThat(inventory.results()).singleElement()
                .satisfies(record -> assertThat(record.value()).isInstanceOf(OrderAccepted.class));
        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(10, 8);
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY, Intake.DUPLICATE_DROPPED)).isEqualTo(2.0);
    }

    @Test
    void decidesARejectedOrderOnceEvenAfterARestock() {
        inventory.adjust(stocked("tv", 0));
        OrderLineRequested order = orderLine("tv", "order-1", 1);
        inventory.request(order);

        inventory.adjust(replenished("tv", 1));
        inventory.request(resent(order));

        assertThat(inventory.results()).singleElement()
                .satisfies(record -> assertThat(record.value()).isInstanceOf(OrderRejected.class));
    }

    @Test
    void decidesEachProductLineOfOneOrder() {
        inventory.adjust(stocked("cup", 1), stocked("plate", 1));

        inventory.request(orderLine("cup", "order-1", 1), orderLine("plate", "order-1", 1));

        assertThat(inventory.accepted()).extracting(accepted -> accepted.productId().value())
                .containsExactly("cup", "plate");
    }

    @Test
    void remembersALineDecidedElsewhereThanItsOrderForTheDedupeRetentionOnly() {
        inventory.close();
        inventory = new InventoryTestDriver(settings(STOCK_LEVEL_INTERVAL), 2);
        String orderId = IntStream.range(0, 100).mapToObj(i -> "order-" + i)
                .filter(id -> !OrderPartitions.decidedWhole(new OrderId(id), new ProductId("chair"), 2))
                .findFirst().orElseThrow();
        inventory.adjust(stocked("chair", 10));
        OrderLineRequested order = orderLine("chair", orderId, 1);
        inventory.request(order, InventoryEvents.REQUESTED_AT);

        inventory.request(resent(order), InventoryEvents.REQUESTED_AT.plus(RETENTION).minusSeconds(1));
        assertThat(inventory.results()).hasSize(1);

        inventory.request(resent(order), InventoryEvents.REQUESTED_AT.plus(RETENTION.multipliedBy(3)));
        assertThat(inventory.results()).hasSize(2);
    }

    @Test
    void remembersALineDecidedWithItsOrderUntilTheOrderIsForgotten() {
        inventory.adjust(stocked("chair", 10), stocked("stool", 0));
        OrderLineRequested awaitingPayment = orderLine("chair", "order-1", 1);
        OrderLineRequested rejected = orderLine("stool", "order-2", 1);
        inventory.request(awaitingPayment, InventoryEvents.REQUESTED_AT);
        inventory.request(rejected, InventoryEvents.REQUESTED_AT);

        // Long past the dedupe retention, an order still awaiting payment remembers its line.
        inventory.request(resent(awaitingPayment), InventoryEvents.REQUESTED_AT.plus(RETENTION.multipliedBy(3)));
        inventory.request(resent(rejected), InventoryEvents.REQUESTED_AT.plus(RETENTION.multipliedBy(3)));
        assertThat(inventory.results()).hasSize(2);
        assertThat(inventory.counter(OrderRequestProcessor.METRICS_ENTITY, Intake.DUPLICATE_DROPPED)).isEqualTo(2.0);

        // The rejected order is over: forgotten the retention after, its line with it. The other expired meanwhile,
        // ten minutes in, and is remembered until the retention after that.
        inventory.advanceWallClock(RETENTION);
        assertThat(inventory.order("order-2")).isNull();
        assertThat(inventory.order("order-1")).isNotNull();
        inventory.request(resent(rejected), InventoryEvents.REQUESTED_AT.plus(RETENTION.multipliedBy(4)));
        inventory.request(resent(awaitingPayment), InventoryEvents.REQUESTED_AT.plus(RETENTION.multipliedBy(4)));
        assertThat(inventory.results()).hasSize(3).last()
                .satisfies(record -> assertThat(record.value().orderId().value()).isEqualTo("order-2"));
    }

    @Test
    void doesNotCountARepeatedProductStockedTwice() {
        ProductStocked stocked = stocked("desk", 5);

        inventory.adjust(stocked, stocked);

        assertThat(inventory.levels()).extracting(StockLevel::available).containsExactly(5);
        assertThat(inventory.counter(StockAdjustmentProcessor.METRICS_ENTITY, Intake.DUPLICATE_DROPPED))
                .isEqualTo(1.0);
    }

    @Test
    void stampsResultsWithTheRequestTimeTheDecisionTimeAndAFreshEventId() {
        inventory.adjust(stocked("pen", 1));
        OrderLineRequested request = orderLine("pen", "order-1", 1);

        inventory.request(request);

        TestRecord<String, OrderResult> result = inventory.results().get(0);
        assertThat(result.key()).isEqualTo("order-1");
        assertThat(result.value().requestedAt()).isEqualTo(request.occurredAt());
        assertThat(result.value().occurredAt()).isEqualTo(InventoryTestDriver.DECIDED_AT);
        assertThat(result.value().eventId()).isNotEqualTo(request.eventId());
        assertThat(inventory.levelRecords()).last().satisfies(level -> {
            assertThat(level.key()).isEqualTo("pen");
            assertThat(level.value().occurredAt()).isEqualTo(InventoryTestDriver.DECIDED_AT);
        });
    }

    @Test
    void countsDecisionsByOutcomeAndTimesThemFromRequestToDecision() {
        inventory.adjust(stocked("lamp", 1));

        inventory.request(orderLine("lamp", "order-1", 1), orderLine("lamp", "order-2", 1),
                orderLine("ghost", "order-3", 1));

        String requests = OrderRequestProcessor.METRICS_ENTITY;
        assertThat(inventory.counter(requests, OrderRequestProcessor.ACCEPTED)).isEqualTo(1.0);
        assertThat(inventory.counter(requests, OrderRequestProcessor.rejectedSensor(RejectionReason.OUT_OF_STOCK)))
                .isEqualTo(1.0);
        assertThat(inventory.counter(requests,
                OrderRequestProcessor.rejectedSensor(RejectionReason.UNKNOWN_PRODUCT))).isEqualTo(1.0);
        assertThat(inventory.counter(requests, OrderRequestProcessor.DECISION)).isEqualTo(3.0);
        assertThat(inventory.metric(requests, "decision-latency-max"))
                .isEqualTo((double) Duration.between(InventoryEvents.REQUESTED_AT,
                        InventoryTestDriver.DECIDED_AT).toMillis());
        assertThat(inventory.counter(requests, Intake.STOCK_LEVEL_UPDATES)).isEqualTo(1.0);
        assertThat(inventory.counter(StockAdjustmentProcessor.METRICS_ENTITY, Intake.STOCK_LEVEL_UPDATES))
                .isEqualTo(1.0);
    }

    @Test
    void labelsOutputsWithTheirOwnTypeAndNothingOfTheInput() {
        inventory.adjust(stocked("pen", 1));

        inventory.request(orderLine("pen", "order-1", 1));

        TestRecord<String, OrderResult> result = inventory.results().get(0);
        assertThat(EventHeaders.get(result.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("OrderAccepted");
        assertThat(result.headers().toArray()).extracting(header -> header.key())
                .containsExactlyInAnyOrder(EventHeaders.EVENT_TYPE, EventHeaders.SCHEMA_VERSION,
                        EventHeaders.CONTENT_TYPE, EventHeaders.ORDER_ID);
        assertThat(EventHeaders.get(result.headers(), EventHeaders.ORDER_ID)).isEqualTo("order-1");
        assertThat(EventHeaders.get(inventory.levelRecords().get(1).headers(), EventHeaders.EVENT_TYPE))
                .isEqualTo("StockLevel");
    }

    @Test
    void decidesProductsAndOrdersInOneSubTopologySoALineCanDecideItsOrderInTheSameTask() {
        TopologyDescription description = InventoryTopology.build(new StreamsBuilder(), InventorySettings.defaults())
                .describe();

        assertThat(description.subtopologies()).singleElement().satisfies(subtopology -> {
            assertThat(subtopology.nodes()).extracting(TopologyDescription.Node::name)
                    .contains("order-requests", "stock-adjustments", "order-results-in", "order-commands-in",
                            "decide-order-line", "apply-stock-adjustment", "decide-order-lifecycle", "order-results",
                            "stock-levels", "order-lifecycle", "units-released", "dead-letters");
            assertThat(subtopology.nodes()).filteredOn(node -> node.name().equals("decide-order-line")
                    || node.name().equals("apply-stock-adjustment")).hasSize(2)
                    .allSatisfy(node -> assertThat(((TopologyDescription.Processor) node).stores())
                            .contains(InventoryStores.STOCK, InventoryStores.STOCK_UNREPORTED));
            assertThat(subtopology.nodes()).filteredOn(node -> node.name().equals("decide-order-line")
                    || node.name().equals("decide-order-lifecycle")).hasSize(2)
                    .allSatisfy(node -> assertThat(((TopologyDescription.Processor) node).stores())
                            .contains(InventoryStores.ORDERS, InventoryStores.ORDER_DEADLINES,
                                    InventoryStores.ORDER_PURGES));
        });
        assertThat(description.toString()).contains(InventoryStores.STOCK, InventoryStores.DECIDED_ORDERS,
                InventoryStores.APPLIED_ADJUSTMENTS, InventoryStores.ORDERS, InventoryStores.ORDER_DEADLINES);
    }

    @Test
    void runsExactlyOnceWithTheConfiguredResources() {
        InventorySettings settings = new InventorySettings("broker:9092", "inventory-blue", stateDir, 3,
                Duration.ofMillis(250), null, null, 0, (short) 3, 2, null, null, null, "inventory-blue-1");

        Properties props = InventoryTopology.streamsProperties(settings);

        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "inventory-blue")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250")
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString())
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "3")
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3")
                .containsEntry("topic.min.insync.replicas", "2")
                .containsEntry("producer.acks", "all")
                .containsEntry("consumer.isolation.level", "read_committed")
                .containsEntry(StreamsConfig.CLIENT_ID_CONFIG, "inventory-blue-1");
        assertThat(new StreamsConfig(props).getProducerConfigs("inventory-blue-1-StreamThread-1-producer"))
                .as("what Kafka Streams gives its producers")
                .containsEntry(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, InstanceHeader.class.getName())
                .containsEntry(InstanceHeader.INSTANCE_CONFIG, "inventory-blue-1");
    }
}
