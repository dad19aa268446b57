package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.header;
import static dev.flashsale.api.KafkaTestSupport.readAll;
import static dev.flashsale.api.TestEvents.accepted;
import static dev.flashsale.api.TestEvents.orderAccepted;
import static dev.flashsale.api.TestEvents.orderRejected;
import static dev.flashsale.api.TestEvents.rejected;
import static dev.flashsale.api.TestEvents.stockLevel;
import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.kafka.ReadModelListeners;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.StockLevel;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.EventJson;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.ProductStocked;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockReplenished;
import dev.flashsale.events.Topic;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The whole API on a real KRaft broker and the real PostgreSQL: what it publishes, what it projects, what it does
 * with poison. The inventory processor's part is played by records the test writes itself.
 */
@WholeOrderApiTest
class OrderApiIntegrationTest {

    private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN = bearer(admin("ops"));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModelListeners listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ProductCatalog catalog;

    @Autowired
    MeterRegistry meters;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Test
    void creatingProductPublishesProductStockedKeyedByItsId() {
        String productId = createProduct("Flash phone", 99_000, 100);

        List<ConsumerRecord<String, StockAdjustment>> published = recordsWithKey(Topics.STOCK_ADJUSTMENTS,
                productId);

        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.value()).isInstanceOfSatisfying(ProductStocked.class, stocked -> {
                assertThat(stocked.productId().value()).isEqualTo(productId);
                assertThat(stocked.initialUnits()).isEqualTo(100);
            });
            assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("ProductStocked");
            assertThat(header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
            assertThat(header(record, EventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        });
        assertThat(mvc.get().uri("/api/products/{id}", productId)).hasStatusOk()
                .bodyJson().extractingPath("$.available").isEqualTo(100);
    }

    @Test
    void replenishingPublishesStockReplenished() {
        String productId = createProduct("Restocked", 10, 1);

        assertThat(mvc.post().uri("/api/products/{id}/stock", productId).header(HttpHeaders.AUTHORIZATION, ADMIN)
                .contentType(MediaType.APPLICATION_JSON).content("{\"delta\": 50}")).hasStatus(HttpStatus.ACCEPTED);

        assertThat(recordsWithKey(Topics.STOCK_ADJUSTMENTS, productId))
                .extracting(ConsumerRecord::value)
                .last().isInstanceOfSatisfying(StockReplenished.class,
                        replenished -> assertThat(replenished.delta()).isEqualTo(50));
    }

    @Test
    void placingOrderPublishesRequestKeyedByProductAndRecordsItFirst() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        long recordedBefore = placingSteps("recorded");
        long publishedBefore = placingSteps("published");

        MvcTestResult placed = placeOrder(customerId, productId, 2, null);

        assertThat(placed).hasStatus(HttpStatus.ACCEPTED).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        String orderId = orderId(placed);
        assertThat(placed).hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/" + orderId);
        assertThat(getOrder(customerId, orderId)).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("PENDING");
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).singleElement().satisfies(record -> {
            assertThat(record.value()).isInstanceOfSatisfying(OrderLineRequested.class, request -> {
                assertThat(request.orderId().value()).isEqualTo(orderId);
                assertThat(request.customerId().value()).isEqualTo(customerId);
                assertThat(request.quantity()).isEqualTo(2);
            });
            assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("OrderLineRequested");
        });
        // Recorded before it was published, and not written to again on the way to the 202.
        assertThat(jdbc.sql("SELECT status FROM orders WHERE order_id = ?").param(orderId).query(String.class)
                .single()).isEqualTo("PENDING");
        assertThat(placingSteps("recorded")).isGreaterThan(recordedBefore);
        assertThat(placingSteps("published")).isGreaterThan(publishedBefore);
    }

    private long placingSteps(String step) {
        return meters.get("flashsale.order.placing.latency").tag("step", step).timer().count();
    }

    @Test
    void committedStatusChangeUpdatesOrderAndAbortedOneIsNeverSeen() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));

        try (KafkaProducer<String, OrderLifecycleEvent> aggregator = KafkaTestSupport.transactionalProducer(
                bootstrapServers, Topics.ORDER_LIFECYCLE)) {
            aggregator.beginTransaction();
            aggregator.send(new ProducerRecord<>(Topics.ORDER_LIFECYCLE.name(), orderId,
                    orderRejected(orderId, customerId, productId, RejectionReason.OUT_OF_STOCK)));
            aggregator.abortTransaction();
            aggregator.beginTransaction();
            aggregator.send(new ProducerRecord<>(Topics.ORDER_LIFECYCLE.name(), orderId,
                    orderAccepted(orderId, customerId)));
            aggregator.commitTransaction();
        }

        awaitOrderStatus(customerId, orderId, "ACCEPTED");
        assertThat(getOrder(customerId, orderId)).bodyJson().extractingPath("$.reason").isNull();
    }

    @Test
    void rejectedOrderShowsItsReasonAndFailingProduct() {
        String productId = createProduct("Phone", 99_000, 1);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));

        send(Topics.ORDER_LIFECYCLE, orderId, orderRejected(orderId, customerId, productId,
                RejectionReason.OUT_OF_STOCK));

        awaitOrderStatus(customerId, orderId, "REJECTED");
        assertThat(getOrder(customerId, orderId)).bodyJson().extractingPath("$.reason")
                .isEqualTo("OUT_OF_STOCK");
        assertThat(getOrder(customerId, orderId)).bodyJson().extractingPath("$.rejectedProductId")
                .isEqualTo(productId);
    }

    @Test
    void stockLevelsUpdateAvailableUnitsAndNeverGoBack() {
        String productId = createProduct("Phone", 99_000, 10);

        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 7, 3));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 9, 2));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 6, 4));

        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(mvc.get()
                .uri("/api/products/{id}", productId)).bodyJson().extractingPath("$.available").isEqualTo(6));
    }

    @Test
    void sameIdempotencyKeyTwiceGivesSameOrderAndOneEvent() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");

        String first = orderId(placeOrder(customerId, productId, 1, "key-1"));
        String second = orderId(placeOrder(customerId, productId, 1, "key-1"));

        assertThat(second).isEqualTo(first);
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).hasSize(1);
    }

    @Test
    void concurrentRetriesWithOneKeyPlaceOneOrder() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Callable<MvcTestResult>> retries = IntStream.range(0, 20)
                    .<Callable<MvcTestResult>>mapToObj(i -> () -> placeOrder(customerId, productId, 1, "same-key"))
                    .toList();

            List<Future<MvcTestResult>> answers = clients.invokeAll(retries);

            List<String> orderIds = answers.stream().map(answer -> orderId(getUnchecked(answer))).distinct().toList();
            assertThat(orderIds).hasSize(1);
            assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customerId)
                    .query(Long.class).single()).isEqualTo(1);
            // A twin that finds the order not yet confirmed sends its request again; that is safe because the
            // processor decides each order id once, so what matters is that every request names the same order.
            assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).isNotEmpty()
                    .allSatisfy(record -> assertThat(record.value().orderId().value()).isEqualTo(orderIds.get(0)));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void retryRepublishesOrderWhoseEventWasNeverConfirmed() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = uniqueId("o");
        // As left by an API instance that died between recording the order and hearing Kafka's acknowledgement.
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, idempotency_key, published, created_at, updated_at)
                VALUES (?, ?, 'PENDING', 'key-9', FALSE, ?, ?)""")
                .params(orderId, customerId, Instant.now().atOffset(ZoneOffset.UTC),
                        Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        jdbc.sql("INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (?, 0, ?, 3)")
                .params(orderId, productId).update();

        MvcTestResult retried = placeOrder(customerId, productId, 3, "key-9");

        assertThat(orderId(retried)).isEqualTo(orderId);
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).singleElement()
                .satisfies(record -> assertThat(record.value().orderId().value()).isEqualTo(orderId));
        assertThat(isPublished(orderId)).isTrue();
    }

    @Test
    void unknownProductIsRefusedNamingTheItem() {
        MvcTestResult result = placeOrder(uniqueId("c"), uniqueId("ghost"), 1, null);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("items[0].productId");
    }

    @Test
    void poisonGoesToDeadLettersAndTheNextRecordIsStillApplied() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        // An order this API never recorded: the good result after the poison restores it (it was published).
        String orderId = uniqueId("o");
        String invalidOrderId = uniqueId("o");
        RecordHeaders headers = new RecordHeaders();
        EventHeaders.put(headers, EventHeaders.EVENT_TYPE, "OrderAccepted");
        // Same key as the good record after it: same partition, so it is read first.
        KafkaTestSupport.sendRaw(bootstrapServers, new ProducerRecord<>(Topics.ORDER_RESULTS.name(), null, orderId,
                "{not json".getBytes(StandardCharsets.UTF_8), headers));
        // Readable, but no order line may have more than 10,000 units: the database refuses it.
        send(Topics.ORDER_RESULTS, orderId, accepted(invalidOrderId, customerId, productId, 10_001));

        send(Topics.ORDER_RESULTS, orderId, accepted(orderId, customerId, productId, 1));

        awaitOrderStatus(customerId, orderId, "PENDING");
        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(bootstrapServers, Topics.DEAD_LETTERS)
                    .stream().filter(record -> orderId.equals(keyOf(record))).toList();
            assertThat(deadLetters).hasSize(2);
            assertThat(deadLetters.get(0).value()).asString(StandardCharsets.UTF_8).isEqualTo("{not json");
            assertThat(header(deadLetters.get(0), EventHeaders.DLQ_REASON)).isEqualTo(PoisonReason.UNREADABLE.name());
            assertThat(header(deadLetters.get(0), EventHeaders.DLQ_ERROR)).isNotBlank();
            assertThat(header(deadLetters.get(0), EventHeaders.DLQ_SOURCE_TOPIC))
                    .isEqualTo(Topics.ORDER_RESULTS.name());
            assertThat(header(deadLetters.get(0), EventHeaders.DLQ_SOURCE_PARTITION)).matches("[0-5]");
            assertThat(header(deadLetters.get(0), EventHeaders.DLQ_SOURCE_OFFSET)).matches("\\d+");
            assertThat(header(deadLetters.get(1), EventHeaders.DLQ_REASON))
                    .isEqualTo(PoisonReason.INVALID_EVENT.name());
            assertThat(header(deadLetters.get(1), EventHeaders.EVENT_TYPE)).isEqualTo("OrderAccepted");
        });
        assertThat(getOrder(customerId, invalidOrderId)).hasStatus(HttpStatus.NOT_FOUND);
    }

    /**
     * A bad record on a topic the API listens to, as issue 5 lists them: the value, the headers, and the reason the
     * dead letter must give. {@code corrupt} turns a good event's JSON into the bad one (null: not JSON at all).
     */
    record ListenerPoison(String topic, Map<String, String> headers, UnaryOperator<ObjectNode> corrupt,
            PoisonReason reason) {
    }

    static Stream<Arguments> poisonOnEveryListenedTopic() {
        String results = Topics.ORDER_RESULTS.name();
        String lifecycle = Topics.ORDER_LIFECYCLE.name();
        String levels = Topics.STOCK_LEVELS.name();
        Map<String, String> accepted = Map.of(EventHeaders.EVENT_TYPE, "OrderAccepted");
        Map<String, String> changed = Map.of(EventHeaders.EVENT_TYPE, "OrderStatusChanged");
        Map<String, String> level = Map.of(EventHeaders.EVENT_TYPE, "StockLevel");
        return Stream.of(
                poison("order result that is not JSON", new ListenerPoison(results, accepted, null,
                        PoisonReason.UNREADABLE)),
                poison("order result of an unknown event type", new ListenerPoison(results,
                        Map.of(EventHeaders.EVENT_TYPE, "OrderTeleported"), json -> json,
                        PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("order result of a newer schema version", new ListenerPoison(results,
                        Map.of(EventHeaders.EVENT_TYPE, "OrderAccepted", EventHeaders.SCHEMA_VERSION, "2"),
                        json -> json, PoisonReason.UNSUPPORTED_SCHEMA_VERSION)),
                poison("order result for a negative quantity", new ListenerPoison(results, accepted,
                        json -> json.put("quantity", -1), PoisonReason.INVALID_EVENT)),
                poison("order status change that is not JSON", new ListenerPoison(lifecycle, changed, null,
                        PoisonReason.UNREADABLE)),
                poison("order lifecycle event of an unknown type", new ListenerPoison(lifecycle,
                        Map.of(EventHeaders.EVENT_TYPE, "OrderTeleported"), json -> json,
                        PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("order status change of a newer schema version", new ListenerPoison(lifecycle,
                        Map.of(EventHeaders.EVENT_TYPE, "OrderStatusChanged", EventHeaders.SCHEMA_VERSION, "2"),
                        json -> json, PoisonReason.UNSUPPORTED_SCHEMA_VERSION)),
                poison("order status change back to PENDING", new ListenerPoison(lifecycle, changed,
                        json -> json.put("status", "PENDING"), PoisonReason.INVALID_EVENT)),
                poison("stock level that is not JSON", new ListenerPoison(levels, level, null,
                        PoisonReason.UNREADABLE)),
                poison("stock level of an unknown event type", new ListenerPoison(levels,
                        Map.of(EventHeaders.EVENT_TYPE, "StockTeleported"), json -> json,
                        PoisonReason.UNKNOWN_EVENT_TYPE)),
                poison("stock level of a newer schema version", new ListenerPoison(levels,
                        Map.of(EventHeaders.EVENT_TYPE, "StockLevel", EventHeaders.SCHEMA_VERSION, "2"),
                        json -> json, PoisonReason.UNSUPPORTED_SCHEMA_VERSION)),
                poison("stock level with negative units", new ListenerPoison(levels, level,
                        json -> json.put("available", -5), PoisonReason.INVALID_EVENT)));
    }

    /**
     * The listeners of the API's read model (results, lifecycle and stock levels) and the stock view's own broadcast
     * consumer of the stock levels: the poison goes to the dead letters with its reason in headers, and the good record
     * right behind it on the same partition is still applied.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("poisonOnEveryListenedTopic")
    void poisonOnAListenedTopicIsDeadLetteredAndTheNextRecordIsApplied(ListenerPoison poison) {
        String productId = createProduct("Poisoned", 99_000, 10);
        String customerId = uniqueId("c");
        boolean onResults = poison.topic().equals(Topics.ORDER_RESULTS.name());
        boolean onLifecycle = poison.topic().equals(Topics.ORDER_LIFECYCLE.name());
        // A result's only effect is to restore an order the API never recorded, so that one is for an unplaced order.
        String orderId = onResults ? uniqueId("o") : orderId(placeOrder(customerId, productId, 1, null));
        // Same key as the good record after it: same partition, so it is read first.
        String key = onResults || onLifecycle ? orderId : productId;
        Object good = onResults ? accepted(orderId, customerId, productId, 1)
                : onLifecycle ? orderAccepted(orderId, customerId) : stockLevel(productId, 0, 1);
        byte[] value = poison.corrupt() == null ? "\u0000\u0001{not json".getBytes(StandardCharsets.UTF_8)
                : poison.corrupt().apply((ObjectNode) EventJson.MAPPER.valueToTree(good)).toString()
                        .getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        poison.headers().forEach((name, text) -> EventHeaders.put(headers, name, text));

        KafkaTestSupport.sendRaw(bootstrapServers, new ProducerRecord<>(poison.topic(), null, key, value, headers));
        if (onResults) {
            send(Topics.ORDER_RESULTS, key, (OrderResult) good);
        } else if (onLifecycle) {
            send(Topics.ORDER_LIFECYCLE, key, (OrderLifecycleEvent) good);
        } else {
            send(Topics.STOCK_LEVELS, key, (StockLevel) good);
        }

        if (onResults) {
            awaitOrderStatus(customerId, orderId, "PENDING");
        } else if (onLifecycle) {
            awaitOrderStatus(customerId, orderId, "ACCEPTED");
        } else {
            await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(mvc.get()
                    .uri("/api/products/{id}", productId)).bodyJson().extractingPath("$.available").isEqualTo(0));
            await().atMost(PROJECTION_TIMEOUT).until(() -> catalog.isSoldOut(new ProductId(productId)));
        }
        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(readAll(bootstrapServers,
                Topics.DEAD_LETTERS)).filteredOn(record -> key.equals(keyOf(record))).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.value()).isEqualTo(value);
                    assertThat(header(letter, EventHeaders.DLQ_REASON)).isEqualTo(poison.reason().name());
                    assertThat(header(letter, EventHeaders.DLQ_ERROR)).isNotBlank();
                    assertThat(header(letter, EventHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(poison.topic());
                    assertThat(header(letter, EventHeaders.DLQ_SOURCE_PARTITION)).matches("[0-5]");
                    assertThat(header(letter, EventHeaders.DLQ_SOURCE_OFFSET)).matches("\\d+");
                }));
    }

    private static Arguments poison(String name, ListenerPoison poison) {
        return arguments(Named.of(name, poison));
    }

    @Test
    void readModelListenersCommitTheirOffsetsOncePerIntervalAndAgainAfterARebalance() {
        ConcurrentMessageListenerContainer<String, StockLevel> container = listeners.container(Topics.STOCK_LEVELS,
                levels -> { });

        assertThat(container.getContainerProperties().isSyncCommits()).isTrue();
        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(container.getContainerProperties().getAckTime())
                .isEqualTo(ReadModelListeners.OFFSET_COMMIT_INTERVAL.toMillis());
    }

    @Test
    void readModelListenersCommitWhatTheyAppliedWithinTheirCommitInterval() throws Exception {
        Topic<String, StockLevel> topic = stockLevelTopic("test.committed-levels");
        List<StockLevel> applied = new CopyOnWriteArrayList<>();
        ConcurrentMessageListenerContainer<String, StockLevel> container = listeners.container(topic, applied::addAll);
        String group = "test-committed-" + UUID.randomUUID();
        container.getContainerProperties().setGroupId(group);
        container.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            // Connected before the clock starts: on a loaded machine its first request alone outlasted the bound.
            admin.describeCluster().clusterId().get();
            String productId = uniqueId("p");
            send(topic, productId, stockLevel(productId, 5, 1));
            send(topic, productId, stockLevel(productId, 4, 2));
            await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(applied).hasSize(2));

            await().atMost(ReadModelListeners.OFFSET_COMMIT_INTERVAL.multipliedBy(5)).untilAsserted(() -> assertThat(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                            .get(new TopicPartition(topic.name(), 0)))
                    .extracting(OffsetAndMetadata::offset).isEqualTo(2L));
        } finally {
            container.stop();
        }
    }

    /** A topic of one partition, on the test broker, that carries stock levels as the processor writes them. */
    @Test
    void aReadModelConsumerThatJoinsLateTakesNoPartitionAwayFromTheOthers() {
        // At start-up the read model's consumers join one group one after another. Eager rebalancing stopped every
        // member when the last joined, until all had rejoined; cooperative rebalancing moves only what changes hands.
        Topic<String, StockLevel> early = stockLevelTopic("test.rebalance-early");
        Topic<String, StockLevel> late = stockLevelTopic("test.rebalance-late");
        String group = "test-rebalance-" + UUID.randomUUID();
        List<TopicPartition> revoked = new CopyOnWriteArrayList<>();
        ConcurrentMessageListenerContainer<String, StockLevel> first = listeners.container(early, levels -> { });
        first.getContainerProperties().setGroupId(group);
        first.getContainerProperties().setConsumerRebalanceListener(new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                revoked.addAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
        ConcurrentMessageListenerContainer<String, StockLevel> second = listeners.container(late, levels -> { });
        second.getContainerProperties().setGroupId(group);
        first.start();
        try {
            await().atMost(PROJECTION_TIMEOUT).until(() -> first.getAssignedPartitions().size() == 1);
            second.start();
            await().atMost(PROJECTION_TIMEOUT).until(() -> second.getAssignedPartitions().size() == 1);

            assertThat(first.getAssignedPartitions()).containsExactly(new TopicPartition(early.name(), 0));
            assertThat(revoked).isEmpty();
        } finally {
            second.stop();
            first.stop();
        }
    }

    private Topic<String, StockLevel> stockLevelTopic(String name) {
        broker.addTopics(new NewTopic(name, 1, (short) 1));
        return new Topic<>(name, Serdes.String(), Topics.STOCK_LEVEL_SERDE, Map.of());
    }

    @Test
    void transientDatabaseFailureIsRetriedUntilItPassesAndNothingIsDeadLettered() {
        Topic<String, StockLevel> flakyTopic = stockLevelTopic("test.flaky-levels");
        AtomicInteger attempts = new AtomicInteger();
        List<StockLevel> applied = new CopyOnWriteArrayList<>();
        ConcurrentMessageListenerContainer<String, StockLevel> container = listeners.container(flakyTopic,
                levels -> {
                    if (attempts.incrementAndGet() <= 3) {
                        throw new CannotGetJdbcConnectionException("database is restarting");
                    }
                    applied.addAll(levels);
                });
        container.getContainerProperties().setGroupId("test-flaky-" + UUID.randomUUID());
        container.start();
        try {
            String productId = uniqueId("p");

            send(flakyTopic, productId, stockLevel(productId, 5, 1));

            await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(applied).hasSize(1));
            assertThat(attempts).hasValue(4);
            assertThat(readAll(bootstrapServers, Topics.DEAD_LETTERS))
                    .noneMatch(record -> flakyTopic.name().equals(header(record, EventHeaders.DLQ_SOURCE_TOPIC)));
        } finally {
            container.stop();
        }
    }

    @Test
    void anotherBuyersOrderIsNotFound() {
        String productId = createProduct("Phone", 99_000, 10);
        String orderId = orderId(placeOrder(uniqueId("c"), productId, 1, null));

        assertThat(getOrder(uniqueId("nosy"), orderId)).hasStatus(HttpStatus.NOT_FOUND)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsUnprocessableAndPlacesNothing() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String first = orderId(placeOrder(customerId, productId, 1, "key-1"));

        MvcTestResult reused = placeOrder(customerId, productId, 2, "key-1");

        assertThat(reused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).singleElement()
                .satisfies(record -> assertThat(record.value().orderId().value()).isEqualTo(first));
    }

    @Test
    void sameIdempotencyKeyWithTheSameRequestWrittenDifferentlyIsTheSameOrder() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String first = orderId(placeOrder(customerId, productId, 1, "key-1"));

        MvcTestResult retry = mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .header("Idempotency-Key", "key-1").contentType(MediaType.APPLICATION_JSON)
                .content("{ \"items\" : [ { \"quantity\" : 1, \"productId\" : \"%s\" } ] }".formatted(productId))
                .exchange();

        assertThat(orderId(retry)).isEqualTo(first);
    }

    @Test
    void longPollAnswersAsSoonAsTheOrderIsDecided() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));

        // Far longer than the test takes: answered PENDING would mean the decision was missed.
        CompletableFuture<MvcTestResult> poll = CompletableFuture.supplyAsync(() -> mvc.get()
                .uri("/api/orders/{id}?wait=30s", orderId).header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .exchange());
        send(Topics.ORDER_LIFECYCLE, orderId, orderAccepted(orderId, customerId));

        assertThat(poll.get(PROJECTION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("ACCEPTED");
    }

    @Test
    void submissionThatPrefersToWaitIsAnsweredWithTheDecidedOrder() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        // The submission waits on its own request thread: it is sent from another one.
        CompletableFuture<MvcTestResult> waiting = CompletableFuture.supplyAsync(() -> mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .header("Prefer", "respond-async, wait=30").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange());
        String orderId = await().atMost(PROJECTION_TIMEOUT).until(
                () -> jdbc.sql("SELECT order_id FROM orders WHERE customer_id = ?").param(customerId)
                        .query(String.class).optional(), Optional::isPresent).orElseThrow();

        send(Topics.ORDER_LIFECYCLE, orderId, orderAccepted(orderId, customerId));

        MvcTestResult answered = waiting.get(PROJECTION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answered).hasStatus(HttpStatus.CREATED)
                .hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/" + orderId)
                .hasHeader("Preference-Applied", "wait=30");
        assertThat(answered).bodyJson().extractingPath("$.status").isEqualTo("ACCEPTED");
        assertThat(answered).bodyJson().extractingPath("$.orderId").isEqualTo(orderId);
        assertThat(answered.getMvcResult().getRequest().isAsyncStarted()).isFalse();
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).singleElement()
                .satisfies(record -> assertThat(record.value().orderId().value()).isEqualTo(orderId));
    }

    @Test
    void submissionThatPrefersToWaitIsAnsweredReceivedWhenNothingIsDecidedInTime() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        long start = System.nanoTime();

        MvcTestResult answered = mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).header("Prefer", "wait=1").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(answered).hasStatus(HttpStatus.ACCEPTED).hasHeader("Preference-Applied", "wait=1");
        assertThat(answered).bodyJson().extractingPath("$.status").isEqualTo("PENDING");
        String orderId = JsonPath.read(body(answered), "$.orderId");
        assertThat(answered).hasHeader(HttpHeaders.LOCATION, "http://localhost/api/orders/" + orderId);
    }

    @Test
    void submissionWithAPreferenceThatIsNotAWaitIsAnsweredAtOnce() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");

        MvcTestResult answered = mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).header("Prefer", "return=minimal")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange();

        assertThat(answered).hasStatus(HttpStatus.ACCEPTED).doesNotContainHeader("Preference-Applied");
    }

    @Test
    void longPollAnswersPendingWhenNothingIsDecidedInTime() throws Exception {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));
        MvcTestResult waiting = mvc.get().uri("/api/orders/{id}?wait=2s", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).asyncExchange();
        MockAsyncContext async = (MockAsyncContext) waiting.getMvcResult().getRequest().getAsyncContext();

        // What the servlet container does when the request's async timeout passes (MockMvc has no clock of its own).
        assertThat(async.getTimeout()).isEqualTo(2_000);
        for (AsyncListener listener : async.getListeners()) {
            listener.onTimeout(new AsyncEvent(async));
        }

        assertThat(mvc.perform(asyncDispatch(waiting.getMvcResult()))).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("PENDING");
    }

    @Test
    void longPollWaitsAtMostThirtySeconds() {
        String productId = createProduct("Phone", 99_000, 10);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, null));

        MvcTestResult waiting = mvc.get().uri("/api/orders/{id}?wait=120s", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId))).asyncExchange();

        assertThat(waiting.getMvcResult().getRequest().getAsyncContext().getTimeout()).isEqualTo(30_000);
    }

    @Test
    void soldOutProductIsRefusedAtOnceWithoutAnEventOrAnOrder() {
        String productId = createProduct("Gone", 99_000, 10);
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 0, 7));
        String customerId = uniqueId("c");
        await().atMost(PROJECTION_TIMEOUT).until(() -> catalog.isSoldOut(new ProductId(productId)));

        MvcTestResult result = placeOrder(customerId, productId, 1, "key-1");

        assertThat(result).hasStatus(HttpStatus.CONFLICT)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.code").isEqualTo("SOLD_OUT");
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customerId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void retryOfAnOrderPlacedBeforeTheSellOutGetsItsOrderNotARefusal() {
        String productId = createProduct("Last one", 99_000, 1);
        String customerId = uniqueId("c");
        String orderId = orderId(placeOrder(customerId, productId, 1, "key-before"));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 0, 7));
        await().atMost(PROJECTION_TIMEOUT).until(() -> catalog.isSoldOut(new ProductId(productId)));

        MvcTestResult retried = placeOrder(customerId, productId, 1, "key-before");

        assertThat(orderId(retried)).isEqualTo(orderId);
        assertThat(placeOrder(uniqueId("c"), productId, 1, "key-before")).as("another buyer's key is not it")
                .hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void restockReopensTheSaleOnceItsStockLevelArrives() {
        String productId = createProduct("Back again", 99_000, 0);
        String customerId = uniqueId("c");
        assertThat(placeOrder(customerId, productId, 1, null)).hasStatus(HttpStatus.CONFLICT);

        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 3, 1));

        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(placeOrder(customerId, productId, 1, "k"))
                .hasStatus(HttpStatus.ACCEPTED));
        assertThat(recordsWithKey(Topics.ORDER_REQUESTS, productId)).hasSize(1);
    }

    @Test
    void olderStockLevelDoesNotCloseTheSaleAgain() {
        String productId = createProduct("Flickering", 99_000, 0);
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 5, 3));
        await().atMost(PROJECTION_TIMEOUT).until(() -> !catalog.isSoldOut(new ProductId(productId)));

        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 0, 2));
        send(Topics.STOCK_LEVELS, productId, stockLevel(productId, 4, 4));

        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(mvc.get()
                .uri("/api/products/{id}", productId)).bodyJson().extractingPath("$.available").isEqualTo(4));
        assertThat(catalog.isSoldOut(new ProductId(productId))).isFalse();
    }

    static Stream<Arguments> unusableTokens() {
        return Stream.of(
                arguments("no token", null, "Bearer"),
                arguments("expired", bearer(TestTokens.expired("c-1")), "invalid_token"),
                arguments("forged", bearer(TestTokens.forged("c-1")), "invalid_token"),
                arguments("not a JWT", "Bearer not.a.jwt", "invalid_token"),
                arguments("another scheme", "Basic YWRtaW46YWRtaW4=", "Bearer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableTokens")
    void unusableTokenIsUnauthorizedWithAChallenge(String description, String authorization, String challenge) {
        var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"p-1\", \"quantity\": 1}]}");
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }

        MvcTestResult result = request.exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.status").isEqualTo(401);
        assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer")
                .contains(challenge);
    }

    @Test
    void buyerTokenCannotChangeTheCatalog() {
        MvcTestResult result = mvc.post().uri("/api/products").header(HttpHeaders.AUTHORIZATION, bearer(buyer("c-1")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"P\", \"price\": 1, \"stock\": 1}")
                .exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).contains("insufficient_scope");
    }

    @Test
    void servesOpenApiDescriptionAndSwaggerUi() {
        assertThat(mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson()
                .extractingPath("$.paths['/api/orders'].post.summary").isEqualTo("Place an order");
        assertThat(mvc.get().uri("/swagger-ui.html")).hasStatus3xxRedirection();
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/api/orders'].post.responses").asMap()
                .containsKeys("202", "400", "401", "403", "409", "413", "415", "422", "429", "503");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/api/products'].post.security[0]").asMap().containsKey("bearer");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.paths['/api/orders/{orderId}'].get.parameters[*].name").asArray().contains("wait");
    }

    private String createProduct(String name, long price, int stock) {
        MvcTestResult result = mvc.post().uri("/api/products").header(HttpHeaders.AUTHORIZATION, ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name": "%s", "price": %d, "stock": %d}
                        """.formatted(name, price, stock))
                .exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(result), "$.id");
    }

    private MvcTestResult placeOrder(String customerId, String productId, int quantity, String idempotencyKey) {
        var request = mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"customerId": "%s", "items": [{"productId": "%s", "quantity": %d}]}
                        """.formatted(customerId, productId, quantity));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private static String orderId(MvcTestResult placed) {
        assertThat(placed).hasStatus(HttpStatus.ACCEPTED);
        return JsonPath.read(body(placed), "$.orderId");
    }

    private static String body(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    private <V> List<ConsumerRecord<String, V>> recordsWithKey(Topic<String, V> topic,
            String key) {
        return readAll(bootstrapServers, topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    private <V> void send(Topic<String, V> topic, String key, V value) {
        KafkaTestSupport.send(bootstrapServers, topic, key, value);
    }

    private void awaitOrderStatus(String customerId, String orderId, String status) {
        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(getOrder(customerId, orderId))
                .hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo(status));
    }

    private MvcTestResult getOrder(String customerId, String orderId) {
        return mvc.get().uri("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .exchange();
    }

    private boolean isPublished(String orderId) {
        return jdbc.sql("SELECT published FROM orders WHERE order_id = ?").param(orderId).query(Boolean.class)
                .single();
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static MvcTestResult getUnchecked(Future<MvcTestResult> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
