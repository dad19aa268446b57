package dev.flashsale.api.order.status;

import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.InventoryProcessorBesideTheApi;
import dev.flashsale.api.KafkaTestSupport;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.api.order.RequestOffset;
import dev.flashsale.api.order.queue.DecisionProgressView;
import dev.flashsale.api.order.status.EventStreamClient.Event;
import dev.flashsale.events.DecisionProgress;
import dev.flashsale.events.EventHeaders;
import dev.flashsale.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A buyer's place in line while the inventory processor beside the API works through a queue of requests on the real
 * broker, checked against the log: the request's offset in its partition of the order requests, and every progress
 * the processor published for that partition.
 */
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
class PlaceInLineEndToEndIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int AHEAD = 150;

    private final HttpClient http = HttpClient.newHttpClient();
    /** The buyer of each order placed, by order ID. */
    private final Map<String, String> buyers = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @Value(KafkaTestSupport.OWN_BROKER)
    String brokers;

    @Autowired
    @Qualifier("inventoryProcessor")
    SmartLifecycle processor;

    @Autowired
    DecisionProgressView progress;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBuyersPlaceOnlyGoesDownAndReachesZeroAtTheDecisionAsTheLogSays() throws Exception {
        String product = JsonPath.read(post("/api/products", bearer(admin("ops")),
                "{\"name\": \"Queued\", \"price\": 100, \"stock\": 1000}").body(), "$.id");
        // Decided first, so that the processor has reported on the product's partition before it stops.
        String first = place(product);
        await().atMost(SETTLE)
                .until(() -> !"PENDING".equals(JsonPath.read(get(first, buyers.get(first)), "$.status")));
        RequestOffset firstRequest = await().atMost(SETTLE).until(() -> storedOffset(first), offset -> offset != null);
        await().atMost(SETTLE).until(() -> progress.of(firstRequest.partition())
                .filter(reported -> reported.nextOffset() > firstRequest.offset()).isPresent());

        String followed;
        String followedBuyer = uniqueId("c");
        RequestOffset request;
        List<Event> events;
        processor.stop();
        try {
            for (int i = 0; i < AHEAD; i++) {
                place(product);
            }
            followed = placeFor(product, followedBuyer);
            request = await().atMost(SETTLE).until(() -> storedOffset(followed), offset -> offset != null);
            String order = get(followed, followedBuyer);

            assertThat(offsetInTheLog(followed)).isEqualTo(request);
            long reported = progress.of(request.partition()).orElseThrow().nextOffset();
            assertThat(((Number) JsonPath.read(order, "$.items[0].position")).longValue())
                    .isEqualTo(request.offset() - reported + 1).isGreaterThan(AHEAD);

            EventStreamClient stream = EventStreamClient.open(
                    URI.create("http://localhost:" + port + "/api/orders/" + followed + "/events"),
                    bearer(buyer(followedBuyer)), null);
            try (stream) {
                await().atMost(SETTLE).until(() -> !stream.events().isEmpty());
                processor.start();
                await().atMost(SETTLE)
                        .until(() -> stream.events().stream().anyMatch(event -> "ACCEPTED".equals(event.id())));
                events = stream.events();
            }
        } finally {
            if (!processor.isRunning()) {
                processor.start();
            }
        }

        // Every place the buyer was shown, in order: the PENDING event's, then each position event's.
        List<Long> shown = new ArrayList<>();
        Event pending = events.get(0);
        assertThat(pending.id()).isEqualTo("PENDING");
        shown.add(((Number) JsonPath.read(pending.data(), "$.placeInLine[0].position")).longValue());
        int decision = -1;
        for (int i = 1; i < events.size(); i++) {
            Event event = events.get(i);
            if (StatusStream.POSITION.equals(event.name())) {
                shown.add(((Number) JsonPath.read(event.data(), "$.placeInLine[0].position")).longValue());
            } else if ("ACCEPTED".equals(event.id())) {
                decision = i;
                break;
            }
        }
        assertThat(shown).as("places shown").isSortedAccordingTo((a, b) -> Long.compare(b, a)).endsWith(0L)
                .first().isEqualTo(((Number) JsonPath.read(pending.data(), "$.placeInLine[0].position")).longValue());
        assertThat(shown.get(0)).isGreaterThan(AHEAD);
        assertThat(events.get(decision - 1).name()).as("the event before the decision")
                .isEqualTo(StatusStream.POSITION);
        // Each place is what a progress the processor published for the partition gives the request's offset.
        // The 0 may come from the decision itself, before the processor's next progress report says so: wait for that.
        RequestOffset placed = request;
        Set<Long> fromTheLog = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            fromTheLog.clear();
            KafkaTestSupport.readAll(brokers, Topics.DECISION_PROGRESS).stream()
                    .map(ConsumerRecord::value)
                    .filter(reported -> reported.partition() == placed.partition())
                    .map(reported -> reported.undecidedUpTo(placed.offset()))
                    .forEach(fromTheLog::add);
            assertThat(fromTheLog).contains(0L);
        });
        assertThat(fromTheLog).containsAll(shown);
        DecisionProgress last = progress.of(request.partition()).orElseThrow();
        assertThat(last.undecidedUpTo(request.offset())).isZero();
    }

    private RequestOffset storedOffset(String orderId) {
        return jdbc.query("SELECT request_partition, request_offset FROM order_lines WHERE order_id = ?",
                rows -> {
                    if (!rows.next()) {
                        return null;
                    }
                    long offset = rows.getLong("request_offset");
                    return rows.wasNull() ? null : new RequestOffset(rows.getInt("request_partition"), offset);
                }, orderId);
    }

    private RequestOffset offsetInTheLog(String orderId) {
        return KafkaTestSupport.readAll(brokers, Topics.ORDER_REQUESTS).stream()
                .filter(record -> orderId.equals(KafkaTestSupport.header(record, EventHeaders.ORDER_ID)))
                .map(record -> new RequestOffset(record.partition(), record.offset()))
                .findFirst().orElseThrow();
    }

    private String place(String product) throws Exception {
        return placeFor(product, uniqueId("c"));
    }

    private String placeFor(String product, String buyer) throws Exception {
        HttpResponse<String> placed = post("/api/orders", bearer(buyer(buyer)),
                "{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(product));
        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = JsonPath.read(placed.body(), "$.orderId");
        buyers.put(orderId, buyer);
        return orderId;
    }

    private String get(String orderId, String buyer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orders/" + orderId))
                .header("Authorization", bearer(buyer(buyer))).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
