package dev.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderResult;
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
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The topology against the official {@code apache/kafka} image, for machines with a Docker engine. Without one the
 * class is skipped, not failed: the embedded KRaft broker in {@link InventoryProcessorIntegrationTest} covers the
 * same ground everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class InventoryOnContainerBrokerTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

    @TempDir
    Path stateDir;

    @Test
    void sellsExactlyTheStockOnTheOfficialBrokerImage() {
        String bootstrap = KAFKA.getBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicProvisioner.ensure(admin, Topics.ALL, 6, (short) 1, 1, 30_000);
        }
        InventorySettings settings = InventorySettings.defaults().withBootstrapServers(bootstrap)
                .withApplicationId("container-" + UUID.randomUUID()).withStateDir(stateDir);
        String productId = "p-" + UUID.randomUUID();
        try (KafkaStreams streams = new KafkaStreams(InventoryTopology.build(new StreamsBuilder(), settings),
                InventoryTopology.streamsProperties(settings));
                var stock = new KafkaProducer<>(producerConfig(bootstrap), Topics.STOCK_ADJUSTMENTS.keySerde().serializer(),
                        Topics.STOCK_ADJUSTMENTS.valueSerde().serializer());
                var requests = new KafkaProducer<>(producerConfig(bootstrap), Topics.ORDER_REQUESTS.keySerde().serializer(),
                        Topics.ORDER_REQUESTS.valueSerde().serializer())) {
            streams.start();

            stock.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), productId,
                    InventoryEvents.stocked(productId, 10)));
            stock.flush();
            for (int i = 0; i < 30; i++) {
                requests.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), productId,
                        InventoryEvents.orderLine(productId, "o-" + i, 1)));
            }
            requests.flush();

            List<OrderResult> results = readResults(bootstrap, productId, 30);
            assertThat(results).extracting(result -> result.orderId().value()).doesNotHaveDuplicates();
            assertThat(results).filteredOn(OrderAccepted.class::isInstance).hasSize(10);
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    }

    private static List<OrderResult> readResults(String bootstrap, String productId, int expected) {
        List<OrderResult> results = new ArrayList<>();
        try (KafkaConsumer<String, OrderResult> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.ORDER_RESULTS.keySerde().deserializer(), Topics.ORDER_RESULTS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.ORDER_RESULTS.name()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().productId().value().equals(productId)) {
                        results.add(record.value());
                    }
                });
                return results.size() >= expected;
            });
        }
        return results;
    }
}
