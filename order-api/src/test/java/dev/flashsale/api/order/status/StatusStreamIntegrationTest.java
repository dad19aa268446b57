package dev.flashsale.api.order.status;

import static dev.flashsale.api.TestEvents.orderAccepted;
import static dev.flashsale.api.TestEvents.orderRejected;
import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.KafkaTestSupport;
import dev.flashsale.api.TestEvents;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.api.order.status.EventStreamClient.Event;
import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderLifecycleEvent;
import dev.flashsale.events.OrderStatusChanged;
import dev.flashsale.events.RejectionReason;
import dev.flashsale.events.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * {@code GET /api/orders/{id}/events} over real HTTP, on the real broker and read model: the inventory processor's
 * part is played by the order aggregator's status changes, which the test writes to the lifecycle topic itself, so
 * that each order is PENDING until the test decides it.
 */
@WholeOrderApiTest
class StatusStreamIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatusStreams streams;

    @Value(KafkaTestSupport.OWN_BROKER)
    String bootstrapServers;

    @Value("${flashsale.status-streams.max-open}")
    int maxOpen;

    @LocalServerPort
    int port;

    /** Every stream a test opened ends with it, whether the server ended it or the client left. */
    @AfterEach
    void noStreamIsLeftOpen() {
        await().atMost(SETTLE).until(() -> streams.count() == 0);
    }

    @Test
    void firstEventIsTheOrdersStatusNow() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);

        try (EventStreamClient stream = open(buyer, orderId, null)) {

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).get().asString()
                    .startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
            Event first = awaitEvents(stream, 1).get(0);
            assertThat(first.id()).isEqualTo("PENDING");
            assertThat(first.name()).isEqualTo("status");
            assertThat((String) JsonPath.read(first.data(), "$.orderId")).isEqualTo(orderId);
            assertThat((String) JsonPath.read(first.data(), "$.status")).isEqualTo("PENDING");
            assertThat((Boolean) JsonPath.read(first.data(), "$.final")).isFalse();
        }
    }

    @Test
    void sendsTheDecisionAndEachChangeAfterItAndEndsAfterAFinalStatus() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);

        try (EventStreamClient stream = open(buyer, orderId, null)) {
            awaitEvents(stream, 1);
            decide(orderAccepted(orderId, buyer));
            List<Event> accepted = awaitEvents(stream, 2);
            decide(OrderStatusChanged.expired(new OrderId(orderId), new CustomerId(buyer), Instant.now()));
            await().atMost(SETTLE).until(stream::ended);

            assertThat(stream.events()).extracting(Event::id).containsExactly("PENDING", "ACCEPTED", "EXPIRED");
            Event decision = accepted.get(1);
            assertThat((String) JsonPath.read(decision.data(), "$.paymentDeadline"))
                    .isEqualTo(TestEvents.DECIDED_AT.plus(Duration.ofMinutes(10)).toString());
            assertThat((Boolean) JsonPath.read(decision.data(), "$.final")).isFalse();
            assertThat((Boolean) JsonPath.read(stream.events().get(2).data(), "$.final")).isTrue();
        }
    }

    @Test
    void sendsARejectionWithItsReasonAndEnds() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);

        try (EventStreamClient stream = open(buyer, orderId, null)) {
            awaitEvents(stream, 1);
            decide(orderRejected(orderId, buyer, "p-sold-out", RejectionReason.OUT_OF_STOCK));
            await().atMost(SETTLE).until(stream::ended);

            assertThat(stream.events()).extracting(Event::id).containsExactly("PENDING", "REJECTED");
            String data = stream.events().get(1).data();
            assertThat((String) JsonPath.read(data, "$.reason")).isEqualTo("OUT_OF_STOCK");
            assertThat((String) JsonPath.read(data, "$.rejectedProductId")).isEqualTo("p-sold-out");
        }
    }

    @Test
    void reconnectingWithLastEventIdGetsEveryStatusReachedSinceAndNothingElse() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);
        decide(orderAccepted(orderId, buyer));
        decide(OrderStatusChanged.cancelled(new OrderId(orderId), new CustomerId(buyer), Instant.now(),
                UUID.randomUUID()));
        awaitStatus(buyer, orderId, "CANCELLED");

        try (EventStreamClient stream = open(buyer, orderId, "PENDING")) {
            await().atMost(SETTLE).until(stream::ended);

            assertThat(stream.events()).extracting(Event::id).containsExactly("ACCEPTED", "CANCELLED");
        }
    }

    @Test
    void reconnectingThatMissedNothingGetsNoEventOnlyHeartbeatsUntilTheNextChange() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);
        decide(orderAccepted(orderId, buyer));
        awaitStatus(buyer, orderId, "ACCEPTED");

        try (EventStreamClient stream = open(buyer, orderId, "ACCEPTED")) {
            await().atMost(SETTLE).until(() -> stream.comments() >= 2);

            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.events()).isEmpty();
            assertThat(stream.ended()).isFalse();

            decide(OrderStatusChanged.expired(new OrderId(orderId), new CustomerId(buyer), Instant.now()));
            await().atMost(SETTLE).until(stream::ended);
            assertThat(stream.events()).extracting(Event::id).containsExactly("EXPIRED");
        }
    }

    @Test
    void reconnectingAfterTheFinalStatusIsAnsweredNoContentSoThatAnEventSourceStops() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);
        decide(orderRejected(orderId, buyer, "p-sold-out", RejectionReason.OUT_OF_STOCK));
        awaitStatus(buyer, orderId, "REJECTED");

        try (EventStreamClient stream = open(buyer, orderId, "REJECTED")) {

            assertThat(stream.status()).isEqualTo(204);
        }
    }

    @Test
    void learnsOfAChangeThatAnotherInstanceWroteToTheReadModel() {
        // An order placed and accepted through another instance, whose lifecycle partition this one does not consume:
        // it learns of the order's changes from the read model only.
        String buyer = uniqueId("c");
        String orderId = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO orders (order_id, customer_id, status, published, created_at, updated_at, payment_deadline)
                VALUES (?, ?, 'ACCEPTED', TRUE, now(), now(), now() + interval '10 minutes')
                """).params(orderId, buyer).update();
        jdbc.sql("INSERT INTO order_transitions (order_id, status, occurred_at) VALUES (?, 'ACCEPTED', now())")
                .param(orderId).update();

        try (EventStreamClient stream = open(buyer, orderId, null)) {
            awaitEvents(stream, 1);
            jdbc.sql("UPDATE orders SET status = 'PAID', updated_at = now() WHERE order_id = ?").param(orderId)
                    .update();
            jdbc.sql("INSERT INTO order_transitions (order_id, status, occurred_at) VALUES (?, 'PAID', now())")
                    .param(orderId).update();
            await().atMost(SETTLE).until(stream::ended);

            assertThat(stream.events()).extracting(Event::id).containsExactly("ACCEPTED", "PAID");
        }
    }

    @Test
    void stoppingTheServerEndsEveryOpenStreamSoThatItsShutdownNeedNotWaitForThem() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);

        try (EventStreamClient stream = open(buyer, orderId, null)) {
            awaitEvents(stream, 1);
            streams.stop();
            try {
                await().atMost(SETTLE).until(stream::ended);
            } finally {
                streams.start();
            }

            assertThat(stream.events()).extracting(Event::id).containsExactly("PENDING");
        }
    }

    @Test
    void anotherBuyersOrderIsNotFound() throws Exception {
        String orderId = placeOrder(uniqueId("c"));

        try (EventStreamClient stream = open(uniqueId("thief"), orderId, null)) {

            assertThat(stream.status()).isEqualTo(404);
            assertThat(stream.headers().firstValue("Content-Type")).get().asString()
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat((Integer) JsonPath.read(stream.body(), "$.status")).isEqualTo(404);
        }
    }

    @Test
    void withoutATokenTheAnswerIsUnauthorized() throws Exception {
        String orderId = placeOrder(uniqueId("c"));

        try (EventStreamClient stream = EventStreamClient.open(uri(orderId), null, null)) {

            assertThat(stream.status()).isEqualTo(401);
            assertThat(stream.headers().firstValue("Content-Type")).get().asString()
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "not-a-uuid, , orderId",
            "8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37, accepted, Last-Event-ID",
            "8d2f6a0e-3b7c-4a51-9f0e-2c4d6b8a1e37, 42, Last-Event-ID" })
    void badInputIsABadRequestNamingIt(String orderId, String lastEventId, String field) {
        var request = mvc.get().uri("/api/orders/{id}/events", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer("c-1"))).accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        MvcTestResult result = request.exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void aClientThatAcceptsOnlyJsonIsToldTheStreamIsNotAcceptable() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);

        MvcTestResult result = mvc.get().uri("/api/orders/{id}/events", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(buyer))).accept(MediaType.APPLICATION_JSON).exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_ACCEPTABLE)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void pastTheLimitOfOpenStreamsTheAnswerIsServiceUnavailableWithRetryAfter() throws Exception {
        String buyer = uniqueId("c");
        String orderId = placeOrder(buyer);
        List<EventStreamClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < maxOpen; i++) {
                held.add(open(buyer, orderId, null));
            }

            try (EventStreamClient refused = open(buyer, orderId, null)) {
                assertThat(held).extracting(EventStreamClient::status).containsOnly(200);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                        .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            }
            try (EventStreamClient thief = open(uniqueId("thief"), orderId, null)) {
                assertThat(thief.status()).isEqualTo(404);
            }

            held.remove(0).close();
            await().atMost(SETTLE).until(() -> streams.count() < maxOpen);
            try (EventStreamClient admitted = open(buyer, orderId, null)) {
                assertThat(admitted.status()).isEqualTo(200);
            }
        } finally {
            held.forEach(EventStreamClient::close);
        }
    }

    @Test
    void isDescribedInTheOpenApiDocument() {
        String operation = "$.paths['/api/orders/{orderId}/events'].get";

        assertThat(mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson()
                .extractingPath(operation + ".responses").asMap()
                .containsKeys("200", "204", "400", "401", "404", "406", "503");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath(operation + ".responses['200'].content").asMap().containsKey("text/event-stream");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath(operation + ".parameters[*].name").asArray().contains("orderId", "Last-Event-ID");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.components.schemas.StatusEvent.properties").asMap()
                .containsKeys("orderId", "status", "at", "final", "paymentDeadline", "reason", "placeInLine");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.components.schemas.PlaceInLineEvent.properties").asMap()
                .containsKeys("orderId", "placeInLine");
        assertThat(mvc.get().uri("/v3/api-docs")).bodyJson()
                .extractingPath("$.components.schemas.PlaceInLine.properties").asMap()
                .containsKeys("productId", "position", "estimatedWaitSeconds");
    }

    private EventStreamClient open(String buyer, String orderId, String lastEventId) {
        return EventStreamClient.open(uri(orderId), bearer(buyer(buyer)), lastEventId);
    }

    private URI uri(String orderId) {
        return URI.create("http://localhost:" + port + "/api/orders/" + orderId + "/events");
    }

    private static List<Event> awaitEvents(EventStreamClient stream, int count) {
        return await().atMost(SETTLE).until(stream::events, events -> events.size() >= count);
    }

    private void decide(OrderLifecycleEvent change) {
        KafkaTestSupport.send(bootstrapServers, Topics.ORDER_LIFECYCLE, change.orderId().value(), change);
    }

    private void awaitStatus(String buyer, String orderId, String status) {
        await().atMost(SETTLE).untilAsserted(() -> assertThat(mvc.get().uri("/api/orders/{id}", orderId)
                .header(HttpHeaders.AUTHORIZATION, bearer(buyer(buyer))).exchange())
                .hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo(status));
    }

    private String placeOrder(String buyer) throws Exception {
        MvcTestResult product = mvc.post().uri("/api/products").header(HttpHeaders.AUTHORIZATION, bearer(admin("ops")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"Phone\", \"price\": 1500, \"stock\": 5}")
                .exchange();
        assertThat(product).hasStatus(HttpStatus.CREATED);
        String productId = JsonPath.read(product.getResponse().getContentAsString(), "$.id");
        MvcTestResult placed = mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(buyer(buyer)))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(productId))
                .exchange();
        assertThat(placed).hasStatus(HttpStatus.ACCEPTED);
        return JsonPath.read(placed.getResponse().getContentAsString(), "$.orderId");
    }
}
