package dev.flashsale.api.order.status;

import static dev.flashsale.api.TestEvents.uniqueId;
import static dev.flashsale.api.TestTokens.admin;
import static dev.flashsale.api.TestTokens.bearer;
import static dev.flashsale.api.TestTokens.buyer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.flashsale.api.InventoryProcessorBesideTheApi;
import dev.flashsale.api.WholeOrderApiTest;
import dev.flashsale.api.order.status.EventStreamClient.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A buyer following an order from placement to payment over its status stream, as the inventory processor beside the
 * API decides it on the real broker.
 */
@WholeOrderApiTest
@Import(InventoryProcessorBesideTheApi.class)
class StatusStreamEndToEndIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final long PRICE = 2_500;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void followsAnOrderFromPlacementToPaymentAndEndsThere() throws Exception {
        String buyer = uniqueId("c");
        String product = JsonPath.read(post("/api/products", bearer(admin("ops")),
                "{\"name\": \"Streamed\", \"price\": %d, \"stock\": 3}".formatted(PRICE)).body(), "$.id");
        String orderId = JsonPath.read(post("/api/orders", bearer(buyer(buyer)),
                "{\"items\": [{\"productId\": \"%s\", \"quantity\": 1}]}".formatted(product)).body(), "$.orderId");

        try (EventStreamClient stream = EventStreamClient.open(
                URI.create("http://localhost:" + port + "/api/orders/" + orderId + "/events"), bearer(buyer(buyer)),
                null)) {
            Event accepted = await().atMost(SETTLE).until(() -> last(stream.events()),
                    event -> event != null && event.id().equals("ACCEPTED"));
            Instant deadline = Instant.parse(JsonPath.read(accepted.data(), "$.paymentDeadline"));
            HttpResponse<String> paid = post("/api/orders/" + orderId + "/payment", bearer(buyer(buyer)),
                    "{\"amount\": %d, \"paymentReference\": \"psp-stream\"}".formatted(PRICE));
            await().atMost(SETTLE).until(stream::ended);

            assertThat(deadline).isAfter(Instant.now());
            assertThat(paid.statusCode()).isEqualTo(200);
            // PENDING only if the stream opened before the processor decided; nothing else, in this order. Position
            // events between them carry no ID of their own (a client keeps the last status's).
            assertThat(stream.events()).filteredOn(event -> StatusStream.EVENT.equals(event.name()))
                    .extracting(Event::id).containsSubsequence("ACCEPTED", "PAID")
                    .isSubsetOf("PENDING", "ACCEPTED", "PAID").doesNotHaveDuplicates();
            Event last = last(stream.events());
            assertThat((String) JsonPath.read(last.data(), "$.paymentReference")).isEqualTo("psp-stream");
            assertThat((Integer) JsonPath.read(last.data(), "$.amount")).isEqualTo((int) PRICE);
        }
    }

    private static Event last(List<Event> events) {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    private HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
