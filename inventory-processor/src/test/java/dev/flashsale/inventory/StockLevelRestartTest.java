package dev.flashsale.inventory;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topic;
import dev.flashsale.events.TopicProvisioner;
import dev.flashsale.events.Topics;
import dev.flashsale.inventory.topology.InventoryTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A stock level that orders changed but no punctuation published yet is not lost when its task moves: the mark is in a
 * changelogged store, committed with the change, and the instance that restores it publishes the level. On a broker
 * of its own, so that no other instance of the topology publishes levels of the same product.
 */
@SpringJUnitConfig
@EmbeddedKafka(partitions = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0"})
class StockLevelRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    EmbeddedKafkaBroker broker;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            TopicProvisioner.ensure(admin, Topics.ALL, 1, (short) 1, 1, 30_000);
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void publishesTheLevelAStoppedInstanceLeftUnreportedFromTheRestoredStore(@TempDir Path firstState,
            @TempDir Path secondState) throws Exception {
        String product = "restarted-" + UUID.randomUUID();
        InventorySettings settings = InventorySettings.defaults().withTopicPartitions(1)
                .withBootstrapServers(broker.getBrokersAsString())
                .withApplicationId("stock-level-restart-" + UUID.randomUUID());
        KafkaConsumer<String, StockLevel> levels = consumer(Topics.STOCK_LEVELS);
        KafkaConsumer<String, OrderResult> results = consumer(Topics.ORDER_RESULTS);
        List<StockLevel> published = new ArrayList<>();

        // Given: an instance that would publish a reservation's level only after an hour has reserved a unit, and
        // committed the reservation (its result is readable) with the mark.
        KafkaStreams first = start(settings.withStateDir(firstState).withStockLevelInterval(Duration.ofHours(1)));
        try (KafkaProducer<String, StockAdjustment> stock = producer(Topics.STOCK_ADJUSTMENTS);
                KafkaProducer<String, OrderRequestEvent> requests = producer(Topics.ORDER_REQUESTS)) {
            stock.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), product, stocked(product, 5))).get();
            requests.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), product,
                    orderLine(product, product + "/1", 1))).get();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(results.poll(Duration.ofMillis(200)))
                .anySatisfy(record -> assertThat(record.value()).isInstanceOf(OrderAccepted.class)));
        first.close(Duration.ofSeconds(30));
        readToTheEnd(levels, published);
        assertThat(published).extracting(StockLevel::available, StockLevel::version).containsExactly(tuple(5, 1L));

        // When: another instance takes the partitions over with an empty state directory: the stores come back from
        // their changelogs, and nothing else remembers the reservation's level.
        KafkaStreams second = start(settings.withStateDir(secondState));

        // Then
        await().atMost(PATIENCE).untilAsserted(() -> {
            levels.poll(Duration.ofMillis(200)).forEach(record -> published.add(record.value()));
            assertThat(published).extracting(StockLevel::available, StockLevel::version)
                    .containsExactly(tuple(5, 1L), tuple(4, 2L));
        });
        second.close(Duration.ofSeconds(30));
    }

    /** Everything the topic holds now, which once the writer has stopped is everything it committed. */
    private static <V> void readToTheEnd(KafkaConsumer<String, V> consumer, List<V> into) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> into.add(record.value()));
            assertThat(consumer.assignment()).isNotEmpty();
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            assertThat(ends).allSatisfy((partition, end) -> assertThat(consumer.position(partition)).isEqualTo(end));
        });
    }

    private KafkaStreams start(InventorySettings settings) {
        KafkaStreams streams = new KafkaStreams(InventoryTopology.build(new StreamsBuilder(), settings),
                InventoryTopology.streamsProperties(settings));
        clients.add(() -> streams.close(Duration.ofSeconds(30)));
        streams.start();
        return streams;
    }

    private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "stock-level-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        clients.add(consumer);
        return consumer;
    }
}
