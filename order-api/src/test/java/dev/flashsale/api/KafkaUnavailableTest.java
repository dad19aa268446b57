package dev.flashsale.api;

import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The whole API with a broker that is not there: nothing is answered as done unless Kafka acknowledged it, and what
 * was recorded for an unacknowledged event is taken back.
 */
@SpringBootTest(properties = {
        // Nothing listens on the discard port: every send fails once the producer gives up on metadata.
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.producer.properties[max.block.ms]=300",
        // The producer gives up before the request does, as the API requires of its settings.
        "spring.kafka.producer.properties[request.timeout.ms]=400",
        "spring.kafka.producer.properties[delivery.timeout.ms]=700",
        "flashsale.publish.timeout=1s",
        "flashsale.topic.provision=false",
        "spring.kafka.listener.auto-startup=false" })
@AutoConfigureMockMvc
// Also proves the libpq DATABASE_URL conversion is registered: the context reaches the database only through it.
@TestPropertySource(properties = { TestDatabase.LIBPQ_URL, TestTokens.SECRET_PROPERTY })
// Closed after the class: its Kafka clients retry the dead address for as long as the context lives, taking CPU from
// the tests that follow in the same JVM.
@DirtiesContext
class KafkaUnavailableTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void creatingProductAnswersServiceUnavailableAndKeepsNoProduct() {
        String name = uniqueId("unsold");

        MvcTestResult result = mvc.post().uri("/api/products")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.admin("ops")))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"" + name + "\", \"price\": 1, \"stock\": 1}").exchange();

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
        assertThat(count("SELECT count(*) FROM products WHERE name = ?", name)).isZero();
    }

    @Test
    void placingOrderAnswersServiceUnavailableAndKeepsNoOrder() {
        String productId = existingProduct();
        String customerId = uniqueId("c");

        MvcTestResult result = placeOrder(customerId, productId, "key-1");

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
        assertThat(count("SELECT count(*) FROM orders WHERE customer_id = ?", customerId)).isZero();
    }

    @Test
    void retryOfConfirmedOrderIsAnsweredWithoutKafka() {
        String productId = existingProduct();
        String customerId = uniqueId("c");
        String orderId = existingOrder(customerId, productId, "key-1", true);

        MvcTestResult result = placeOrder(customerId, productId, "key-1");

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).bodyJson().extractingPath("$.orderId").isEqualTo(orderId);
    }

    @Test
    void retryOfUnconfirmedOrderFailsButLeavesTheOrderToItsFirstAttempt() {
        String productId = existingProduct();
        String customerId = uniqueId("c");
        String orderId = existingOrder(customerId, productId, "key-1", false);

        MvcTestResult result = placeOrder(customerId, productId, "key-1");

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(count("SELECT count(*) FROM orders WHERE order_id = ?", orderId)).isOne();
    }

    @Test
    void retryNeverAcknowledgesAnOrderWithdrawnWhileItWasRead() {
        // What a retry reads when the failed first attempt deletes the order between the row and its lines.
        String productId = existingProduct();
        String customerId = uniqueId("c");
        String orderId = existingOrder(customerId, productId, "key-1", false);
        jdbc.sql("DELETE FROM order_lines WHERE order_id = ?").param(orderId).update();

        MvcTestResult result = placeOrder(customerId, productId, "key-1");

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "1");
        assertThat(count("SELECT count(*) FROM orders WHERE order_id = ? AND published", orderId)).isZero();
    }

    @Test
    void refusesTwoLinesForOneProductBeforeKafkaIsAsked() {
        String productId = existingProduct();

        MvcTestResult result = mvc.post().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.buyer("c-1")))
                .contentType(MediaType.APPLICATION_JSON).content("""
                {"customerId": "c-1", "items": [{"productId": "%1$s", "quantity": 1},
                                                {"productId": "%1$s", "quantity": 2}]}
                """.formatted(productId)).exchange();

        assertProblem(result, HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("items[1].productId");
    }

    private MvcTestResult placeOrder(String customerId, String productId, String idempotencyKey) {
        return mvc.post().uri("/api/orders").header("Idempotency-Key", idempotencyKey)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.buyer(customerId)))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"customerId": "%s", "items": [{"productId": "%s", "quantity": 1}]}
                        """.formatted(customerId, productId))
                .exchange();
    }

    private String existingProduct() {
        String productId = uniqueId("p");
        jdbc.sql("""
                INSERT INTO products (id, name, price, available, stock_version, created_at, updated_at)
                VALUES (?, 'On sale', 100, 10, 0, ?, ?)""")
                .params(productId, now(), now()).update();
        return productId;
    }

    private String existingOrder(String customerId, String productId, String idempotencyKey, boolean published) {
        String orderId = uniqueId("o");
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, idempotency_key, published, created_at, updated_at)
                VALUES (?, ?, 'PENDING', ?, ?, ?, ?)""")
                .params(orderId, customerId, idempotencyKey, published, now(), now()).update();
        jdbc.sql("INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (?, 0, ?, 1)")
                .params(orderId, productId).update();
        return orderId;
    }

    private long count(String sql, String parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private static OffsetDateTime now() {
        return Instant.now().atOffset(ZoneOffset.UTC);
    }
}
