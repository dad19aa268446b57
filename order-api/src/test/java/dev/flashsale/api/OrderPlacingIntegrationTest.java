package dev.flashsale.api;

import static dev.flashsale.api.KafkaTestSupport.header;
import static dev.flashsale.api.TestEvents.orderAccepted;
import static dev.flashsale.api.TestEvents.orderRejected;
import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderLineRequested;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Placing an order on the whole API, a real broker and PostgreSQL: what it records and publishes, Idempotency-Keys
 * and retries, and the decision the buyer then reads. The processor's part is played by records the test writes
 * itself.
 */
@WholeOrderApiTest
class OrderPlacingIntegrationTest extends OrderApiIntegrationSupport {

    @Autowired
    MeterRegistry meters;

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

    private static MvcTestResult getUnchecked(Future<MvcTestResult> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
