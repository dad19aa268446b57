package dev.flashsale.api.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.api.KafkaTestSupport;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.ProductId;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.StockLevel;
import dev.flashsale.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What operators and Prometheus see of the API on a real broker and PostgreSQL: the probes, and the order flow's
 * metrics after decisions, a stock level, a poison record and a refused order went through.
 */
@WholeOrderApiTest
class OperationsIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    MockMvcTester mvc;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Test
    void isReadyWithItsDatabaseAndBrokerAndAlive() {
        assertThat(mvc.get().uri("/actuator/health/readiness")).hasStatusOk().bodyJson()
                .satisfies(body -> assertThat(body.getJson()).contains("\"db\"", "\"kafka\""))
                .extractingPath("$.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/readiness")).bodyJson()
                .extractingPath("$.components.kafka.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/readiness")).bodyJson()
                .extractingPath("$.components.db.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/health/liveness")).hasStatusOk().bodyJson()
                .extractingPath("$.status").isEqualTo("UP");
        assertThat(mvc.get().uri("/actuator/info")).hasStatusOk();
    }

    @Test
    void exposesTheOrderFlowToPrometheusAfterTraffic() throws Exception {
        Map<String, Double> before = series(prometheusPage());
        Instant requested = Instant.now().minusMillis(120);
        String product = "ops-" + UUID.randomUUID();
        OrderLifecycleEvent accepted = OrderStatusChanged.accepted(OrderId.random(), new CustomerId("c-ops"),
                requested.plusMillis(30), requested.plusSeconds(600), requested);
        OrderLifecycleEvent rejected = OrderStatusChanged.rejected(OrderId.random(), new CustomerId("c-ops"),
                requested.plusMillis(35), RejectionReason.OUT_OF_STOCK, new ProductId(product), requested);

        // Given: two orders decided and a stock level as the processor writes them, a poison record, a refused order.
        try (KafkaProducer<String, OrderLifecycleEvent> decisions = KafkaTestSupport.transactionalProducer(
                bootstrapServers, Topics.ORDER_LIFECYCLE)) {
            decisions.beginTransaction();
            decisions.send(new ProducerRecord<>(Topics.ORDER_LIFECYCLE.name(), accepted.orderId().value(), accepted));
            decisions.send(new ProducerRecord<>(Topics.ORDER_LIFECYCLE.name(), rejected.orderId().value(), rejected));
            decisions.commitTransaction();
        }
        try (KafkaProducer<String, StockLevel> levels = KafkaTestSupport.producer(bootstrapServers,
                Topics.STOCK_LEVELS)) {
            levels.send(new ProducerRecord<>(Topics.STOCK_LEVELS.name(), product,
                    new StockLevel(new ProductId(product), 0, 2, requested.plusMillis(30)))).get();
        }
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.ORDER_RESULTS.name(), "o-poison",
                "{not json".getBytes(StandardCharsets.UTF_8));
        poison.headers().add(EventHeaders.EVENT_TYPE, "OrderAccepted".getBytes(StandardCharsets.UTF_8));
        KafkaTestSupport.sendRaw(bootstrapServers, poison);
        // No buyer, no token: refused before anything is placed (401 with security, else 400).
        int refusal = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}")
                .exchange().getResponse().getStatus();
        assertThat(refusal).isBetween(400, 499);

        // Then: every metric of the dashboard is there, counted.
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Double> page = series(prometheusPage());
            assertThat(increases(before, page))
                    .hasEntrySatisfying("flashsale_orders_decided_total{application=\"order-api\",outcome=\"accepted\","
                            + "reason=\"none\"}", total -> assertThat(total).isGreaterThanOrEqualTo(1.0))
                    .hasEntrySatisfying("flashsale_orders_decided_total{application=\"order-api\",outcome=\"rejected\","
                            + "reason=\"OUT_OF_STOCK\"}", total -> assertThat(total).isGreaterThanOrEqualTo(1.0))
                    .hasEntrySatisfying("flashsale_orders_submitted_total{application=\"order-api\","
                            + "outcome=\"refused\",status=\"" + refusal + "\"}",
                            total -> assertThat(total).isEqualTo(1.0))
                    .hasEntrySatisfying("flashsale_stock_level_updates_total{application=\"order-api\"}",
                            total -> assertThat(total).isGreaterThanOrEqualTo(1.0))
                    .hasEntrySatisfying("flashsale_dead_letters_total{application=\"order-api\",reason=\"UNREADABLE\","
                            + "source_topic=\"flashsale.order-results\"}",
                            total -> assertThat(total).isEqualTo(1.0))
                    .hasEntrySatisfying("flashsale_order_decision_latency_seconds_count{application=\"order-api\"}",
                            count -> assertThat(count).isGreaterThanOrEqualTo(2.0))
                    .hasEntrySatisfying("flashsale_order_end_to_end_latency_seconds_count{application=\"order-api\"}",
                            count -> assertThat(count).isGreaterThanOrEqualTo(2.0));
            assertThat(names(page)).contains(
                    "flashsale_order_decision_latency_seconds_bucket",
                    "flashsale_order_end_to_end_latency_seconds_bucket",
                    "kafka_consumer_fetch_manager_records_lag_max",
                    "kafka_producer_record_send_total",
                    "spring_kafka_listener_seconds_count",
                    "http_server_requests_seconds_bucket",
                    "hikaricp_connections_active");
        });
    }

    private String prometheusPage() throws Exception {
        return mvc.get().uri("/actuator/prometheus").exchange().getResponse().getContentAsString();
    }

    /** How much each series grew since {@code before}: other test classes share this application's counters. */
    private static Map<String, Double> increases(Map<String, Double> before, Map<String, Double> after) {
        return after.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue() - before.getOrDefault(entry.getKey(), 0.0)));
    }

    /** Each series of a Prometheus text page, name and labels as printed, with its value. */
    private static Map<String, Double> series(String page) {
        return page.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> value(line.substring(line.lastIndexOf(' ') + 1)), Double::sum));
    }

    private static Set<String> names(Map<String, Double> series) {
        return series.keySet().stream().map(name -> name.split("\\{", 2)[0]).collect(Collectors.toSet());
    }

    private static double value(String sample) {
        return switch (sample) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(sample);
        };
    }
}
