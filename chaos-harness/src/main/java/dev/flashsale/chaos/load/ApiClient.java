package dev.flashsale.chaos.load;

import dev.flashsale.events.EventJson;
import dev.flashsale.tokens.LocalTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The order API's REST contract as a buyer and an admin use it. Failures to get any answer (connection refused or
 * reset, timeouts) are thrown as {@link IOException}: the buyer decides whether to retry.
 */
public final class ApiClient {

    /** Every product's price in minor units, so a buyer knows its order's total: quantity times this. */
    public static final long PRICE = 100;

    private final URI base;
    private final LocalTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public ApiClient(URI base, LocalTokens tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    /**
     * Creates a product with its initial stock and payment window and returns its ID; before any fault, so no retry.
     */
    public String createProduct(String name, int stock, Duration paymentWindow)
            throws IOException, InterruptedException {
        Answer answer = send(HttpRequest.newBuilder(base.resolve("/api/products"))
                .header("Authorization", "Bearer " + tokens.admin("chaos-admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"price\":" + PRICE + ",\"stock\":" + stock
                                + ",\"paymentWindow\":\"" + paymentWindow + "\"}"))
                .timeout(Duration.ofSeconds(30)).build());
        if (answer.status() != 201) {
            throw new IOException("creating product " + name + " answered " + answer.status() + " " + answer.body());
        }
        return answer.field("id");
    }

    public Answer placeOrder(String buyer, String idempotencyKey, String productId, int quantity, Duration timeout)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/api/orders"))
                .header("Authorization", "Bearer " + tokens.buyer(buyer))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}"))
                .timeout(timeout).build());
    }

    /** {@code POST /api/orders/{id}/payment}; the API answers 202 when the aggregator is late (10 s). */
    public Answer pay(String buyer, String orderId, long amount, String paymentReference, Duration timeout)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/api/orders/" + orderId + "/payment"))
                .header("Authorization", "Bearer " + tokens.buyer(buyer))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"amount\":" + amount + ",\"paymentReference\":\"" + paymentReference + "\"}"))
                .timeout(timeout).build());
    }

    /** {@code POST /api/orders/{id}/cancel}, without a body. */
    public Answer cancel(String buyer, String orderId, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/api/orders/" + orderId + "/cancel"))
                .header("Authorization", "Bearer " + tokens.buyer(buyer))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(timeout).build());
    }

    /** {@code GET /api/orders/{id}}, as a long-poll when {@code wait} is positive. */
    public Answer order(String buyer, String orderId, Duration wait) throws IOException, InterruptedException {
        String query = wait.isZero() ? "" : "?wait=" + wait.toMillis() + "ms";
        return send(HttpRequest.newBuilder(base.resolve("/api/orders/" + orderId + query))
                .header("Authorization", "Bearer " + tokens.buyer(buyer))
                .timeout(wait.plusSeconds(5)).GET().build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isBlank() ? EventJson.MAPPER.missingNode()
                    : EventJson.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            body = EventJson.MAPPER.missingNode();
        }
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(ApiClient::seconds).orElse(null);
        return new Answer(response.statusCode(), body, retryAfter);
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
