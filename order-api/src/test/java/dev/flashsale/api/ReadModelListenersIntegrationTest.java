package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.header;
import static dev.flashsale.api.KafkaTestSupport.readAll;
import static dev.flashsale.api.TestEvents.accepted;
import static dev.flashsale.api.TestEvents.orderAccepted;
import static dev.flashsale.api.TestEvents.stockLevel;
import static dev.flashsale.api.TestEvents.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.flashsale.api.kafka.ReadModelListeners;
import dev.flashsale.api.product.ProductCatalog;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.EventJson;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.PoisonReason;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topic;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read model's listeners on a real broker and PostgreSQL: poison goes to the dead letters and the next record is
 * still applied, offsets are committed within their interval, a late consumer takes no partition away, a database
 * failure is retried.
 */
@WholeOrderApiTest
class ReadModelListenersIntegrationTest extends OrderApiIntegrationSupport {

    @Autowired
    ReadModelListeners listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    ProductCatalog catalog;

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
     * A bad record on a topic the API listens to: the value, the headers, and the reason the
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
        assertThat(container.getContainerProperties().getPollTimeout())
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
            // Connected before the clock starts, so that the bound measures the commit, not the first connection.
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

    /** A topic of one partition, on the test broker, that carries stock levels as the processor writes them. */
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
}
