package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.readAll;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the integration tests of the whole API ({@link WholeOrderApiTest}) do through it: an operator creates products,
 * buyers place and read orders through MockMvc, and records are read from and written to the test broker in the
 * processor's place. The subclasses share one context, so each finds its records by the products and buyers it made.
 */
abstract class OrderApiIntegrationSupport {

    static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);
    static final String ADMIN = bearer(admin("ops"));

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    String createProduct(String name, long price, int stock) {
        MvcTestResult result = mvc.post().uri("/api/products").header(HttpHeaders.AUTHORIZATION, ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"name": "%s", "price": %d, "stock": %d}
                        """.formatted(name, price, stock))
                .exchange();
        assertThat(result).hasStatus(HttpStatus.CREATED);
        return JsonPath.read(body(result), "$.id");
    }

    MvcTestResult placeOrder(String customerId, String productId, int quantity, String idempotencyKey) {
        var request = mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"customerId": "%s", "items": [{"productId": "%s", "quantity": %d}]}
                        """.formatted(customerId, productId, quantity));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    static String orderId(MvcTestResult placed) {
        assertThat(placed).hasStatus(HttpStatus.ACCEPTED);
        return JsonPath.read(body(placed), "$.orderId");
    }

    static String body(MvcTestResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    <V> List<ConsumerRecord<String, V>> recordsWithKey(Topic<String, V> topic,
            String key) {
        return readAll(bootstrapServers, topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    <V> void send(Topic<String, V> topic, String key, V value) {
        KafkaTestSupport.send(bootstrapServers, topic, key, value);
    }

    void awaitOrderStatus(String customerId, String orderId, String status) {
        await().atMost(PROJECTION_TIMEOUT).untilAsserted(() -> assertThat(getOrder(customerId, orderId))
                .hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo(status));
    }

    MvcTestResult getOrder(String customerId, String orderId) {
        return mvc.get().uri("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, bearer(buyer(customerId)))
                .exchange();
    }

    boolean isPublished(String orderId) {
        return jdbc.sql("SELECT published FROM orders WHERE order_id = ?").param(orderId).query(Boolean.class)
                .single();
    }

    static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
