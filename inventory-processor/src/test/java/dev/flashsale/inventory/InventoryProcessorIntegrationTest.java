package dev.flashsale.inventory;

import static dev.flashsale.inventory.InventoryEvents.orderLine;
import static dev.flashsale.inventory.InventoryEvents.resent;
import static dev.flashsale.inventory.InventoryEvents.stocked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderAccepted;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.OrderRequestEvent;
import dev.flashsale.events.OrderResult;
import dev.flashsale.events.StockAdjustment;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring application on a real KRaft broker: topics created at start, exactly-once transactions, results read
 * the way the order API reads them ({@code read_committed}), and its management port as Prometheus and a probe see it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "flashsale.inventory.bootstrap-servers=${spring.embedded.kafka.brokers}")
@AutoConfigureMetrics
@EmbeddedKafka(partitions = 6, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0"})
// Closes the streams and the broker before JUnit deletes the state dir, not at JVM exit.
@DirtiesContext
class InventoryProcessorIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path stateDir;

    @DynamicPropertySource
    static void freshStreamsApplication(DynamicPropertyRegistry registry) {
        registry.add("flashsale.inventory.application-id", () -> "inventory-it-" + UUID.randomUUID());
        registry.add("flashsale.inventory.state-dir", () -> stateDir.toString());
    }

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int managementPort;

    @Autowired
    InventoryStreams inventoryStreams;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    @Test
    void sellsExactlyTheStockOnceAcrossPartitionsAndDeadLettersPoison() {
        KafkaConsumer<String, StockLevel> levels = consumer(Topics.STOCK_LEVELS.name(),
                Topics.STOCK_LEVEL_SERDE.deserializer());
        KafkaConsumer<String, OrderResult> results = consumer(Topics.ORDER_RESULTS.name(),
                Topics.ORDER_RESULT_SERDE.deserializer());
        KafkaConsumer<String, byte[]> deadLetters = consumer(Topics.DEAD_LETTERS.name(),
                new ByteArrayDeserializer());
        List<String> products = IntStream.rangeClosed(1, 4).mapToObj(i -> "product-" + i).toList();

        // Given: four products with 25 units each, stocked before any order so none is unknown when decided.
        try (KafkaProducer<String, StockAdjustment> stock = producer(Topics.STOCK_ADJUSTMENT_SERDE.serializer())) {
            products.forEach(product ->
                    stock.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), product, stocked(product, 25))));
        }
        List<StockLevel> stockedLevels = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            levels.poll(Duration.ofMillis(200)).forEach(record -> stockedLevels.add(record.value()));
            assertThat(stockedLevels).hasSize(4);
        });

        // When: 40 orders of one unit per product, every tenth re-sent under a new eventId, and one poison record.
        List<OrderLineRequested> orders = products.stream()
                .flatMap(product -> IntStream.rangeClosed(1, 40)
                        .mapToObj(i -> orderLine(product, product + "/" + i, 1)))
                .toList();
        try (KafkaProducer<String, OrderRequestEvent> requests = producer(Topics.ORDER_REQUEST_SERDE.serializer());
                KafkaProducer<String, byte[]> raw = producer(new ByteArraySerializer())) {
            for (int i = 0; i < orders.size(); i++) {
                OrderLineRequested order = orders.get(i);
                requests.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), order.productId().value(), order));
                if (i % 10 == 0) {
                    OrderLineRequested again = resent(order);
                    requests.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), again.productId().value(),
                            again));
                }
            }
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), "product-1",
                    "not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add(EventHeaders.EVENT_TYPE, "OrderLineRequested".getBytes(StandardCharsets.UTF_8));
            raw.send(poison);
        }

        // Then: one result per order, exactly the stocked units accepted, the re-sends dropped, the poison set aside.
        List<OrderResult> decided = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            results.poll(Duration.ofMillis(200)).forEach(record -> collectOwn(products, record.value(), decided));
            assertThat(decided).hasSizeGreaterThanOrEqualTo(orders.size());
            assertThat(duplicatesDropped()).isEqualTo(orders.size() / 10);
        });
        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            deadLetters.poll(Duration.ofMillis(200)).forEach(letters::add);
            assertThat(letters).hasSize(1);
        });
        results.poll(Duration.ofMillis(500)).forEach(record -> collectOwn(products, record.value(), decided));

        assertThat(decided).hasSize(orders.size())
                .extracting(result -> result.orderId().value()).doesNotHaveDuplicates();
        Map<String, Long> acceptedPerProduct = decided.stream().filter(OrderAccepted.class::isInstance)
                .collect(Collectors.groupingBy(result -> result.productId().value(), Collectors.counting()));
        assertThat(acceptedPerProduct).containsOnlyKeys(products).allSatisfy((product, accepted) ->
                assertThat(accepted).isEqualTo(25));
        assertThat(EventHeaders.get(letters.get(0).headers(), EventHeaders.DLQ_REASON)).isEqualTo("UNREADABLE");
        assertThat(EventHeaders.get(letters.get(0).headers(), EventHeaders.DLQ_SOURCE_TOPIC))
                .isEqualTo(Topics.ORDER_REQUESTS.name());
    }

    @Test
    void exposesProbesAndTheDecisionMetricsOnItsManagementPort() throws Exception {
        KafkaConsumer<String, OrderResult> results = consumer(Topics.ORDER_RESULTS.name(),
                Topics.ORDER_RESULT_SERDE.deserializer());
        String product = "metered-" + UUID.randomUUID();

        // Given: one unit, two buyers.
        try (KafkaProducer<String, StockAdjustment> stock = producer(Topics.STOCK_ADJUSTMENT_SERDE.serializer());
                KafkaProducer<String, OrderRequestEvent> requests = producer(Topics.ORDER_REQUEST_SERDE.serializer())) {
            stock.send(new ProducerRecord<>(Topics.STOCK_ADJUSTMENTS.name(), product, stocked(product, 1))).get();
            for (OrderLineRequested order : List.of(orderLine(product, product + "/1", 1),
                    orderLine(product, product + "/2", 1))) {
                requests.send(new ProducerRecord<>(Topics.ORDER_REQUESTS.name(), product, order));
            }
        }
        List<OrderResult> decided = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            results.poll(Duration.ofMillis(200)).forEach(record -> collectOwn(List.of(product), record.value(),
                    decided));
            assertThat(decided).hasSize(2);
        });

        // Then: ready, alive, and the topology's sensors and the clients' lag scraped in Prometheus' format.
        assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health")).contains("\"kafkaStreams\"", "\"state\":\"RUNNING\"");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(metrics(get("/actuator/prometheus")))
                .containsKeys(
                        "kafka_stream_flashsale_inventory_decision_latency_avg",
                        "kafka_stream_flashsale_inventory_decision_latency_max",
                        "kafka_stream_flashsale_inventory_dead_lettered_total",
                        "kafka_stream_flashsale_inventory_duplicate_dropped_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "jvm_memory_used_bytes")
                .hasEntrySatisfying("kafka_stream_flashsale_inventory_accepted_total",
                        total -> assertThat(total).isGreaterThanOrEqualTo(1.0))
                .hasEntrySatisfying("kafka_stream_flashsale_inventory_rejected_out_of_stock_total",
                        total -> assertThat(total).isGreaterThanOrEqualTo(1.0))
                .hasEntrySatisfying("kafka_stream_flashsale_inventory_stock_level_updates_total",
                        total -> assertThat(total).isGreaterThanOrEqualTo(2.0)));
    }

    /** Results of this test's own products: the tests share the broker and its topics. */
    private static void collectOwn(List<String> products, OrderResult result, List<OrderResult> into) {
        if (products.contains(result.productId().value())) {
            into.add(result);
        }
    }

    private String get(String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    /** Each metric of a Prometheus text page with the sum of its series' values. */
    private static Map<String, Double> metrics(String page) {
        return page.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(
                        line -> line.split("[{ ]", 2)[0],
                        line -> value(line.substring(line.lastIndexOf(' ') + 1)),
                        Double::sum));
    }

    private static double value(String sample) {
        return switch (sample) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(sample);
        };
    }

    private double duplicatesDropped() {
        KafkaStreams streams = inventoryStreams.streams();
        return streams.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("duplicate-dropped-total"))
                .filter(metric -> "order-requests".equals(metric.getKey().tags().get("flashsale-inventory-id")))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue())
                .sum();
    }

    private <V> KafkaProducer<String, V> producer(Serializer<V> valueSerializer) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), valueSerializer);
    }

    private <V> KafkaConsumer<String, V> consumer(String topic, Deserializer<V> valueDeserializer) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "inventory-it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), valueDeserializer);
        consumer.subscribe(List.of(topic));
        clients.add(consumer);
        return consumer;
    }
}
