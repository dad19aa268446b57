package dev.flashsale.benchmark;

import dev.flashsale.tokens.LocalTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few calls the bench makes outside the load itself: stock products, read a product's availability and an
 * order's status. Works against flashsale and against the baseline, which share the contract.
 */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Optional<LocalTokens> tokens;

    Api(String baseUrl, Optional<LocalTokens> tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Creates a product and returns its ID. */
    String stock(String name, int units) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", name, "price", 99_000, "stock", units));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/products"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        tokens.ifPresent(t -> request.header("Authorization", "Bearer " + t.admin("bench-admin")));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + baseUrl + "/api/products answered " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asString();
    }

    /** The product's available units, or empty if unknown yet. */
    Optional<Long> available(String productId) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/products/" + productId);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode available = JSON.readTree(response.body()).get("available");
        return available == null || available.isNull() ? Optional.empty() : Optional.of(available.asLong());
    }

    /** Waits until the product shows {@code units} available: the processor has its stock. */
    void awaitAvailable(String productId, long units, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (available(productId).filter(a -> a == units).isPresent()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("product " + productId + " did not show " + units + " available within "
                + timeout + ": is the inventory processor running?");
    }

    /** The order's status, or empty when it cannot be read. */
    Optional<String> status(String orderId, String customerId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders/" + orderId))
                .timeout(Duration.ofSeconds(10));
        tokens.ifPresent(t -> request.header("Authorization", "Bearer " + t.buyer(customerId)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return Optional.ofNullable(JSON.readTree(response.body()).get("status")).map(JsonNode::asString);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        tokens.ifPresent(t -> request.header("Authorization", "Bearer " + t.admin("bench-admin")));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean answers(String path) {
        try {
            return get(path).statusCode() < 500;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
