package dev.flashsale.chaos.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The order API: the run's brokers and PostgreSQL, each through proxies, a secret of the run's own. */
public final class OrderApi {

    private final int port = Ports.free();
    private final ManagedProcess process;
    private final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OrderApi(Artifacts artifacts, Brokers brokers, String databaseUrl, String jwtSecret, Path logs) {
        this.process = new ManagedProcess("order-api", List.of(artifacts.java().toString(),
                "-Dflashsale.component=chaos-order-api", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar",
                artifacts.apiJar().toString()), Map.of(
                        "SERVER_PORT", Integer.toString(port),
                        "KAFKA_BOOTSTRAP_SERVERS", brokers.bootstrapServers(ProxiedClient.ORDER_API),
                        "FLASHSALE_TOPIC_REPLICATION_FACTOR", Short.toString(brokers.replicationFactor()),
                        "FLASHSALE_TOPIC_MIN_INSYNC_REPLICAS", Integer.toString(brokers.minInsyncReplicas()),
                        "DATABASE_URL", databaseUrl,
                        "DATABASE_USER", "postgres",
                        "JWT_SECRET", jwtSecret,
                        // Every buyer is a distinct subject anyway; retries must not be refused as too many orders.
                        "FLASHSALE_RATE_LIMIT_ORDERS_PER_SECOND", "1000",
                        "FLASHSALE_RATE_LIMIT_BURST", "1000"),
                logs.resolve("order-api.log"));
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public void start() {
        process.start();
        process.awaitReady("answering on " + baseUrl(), ManagedProcess.START_TIMEOUT, this::answers);
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = probe.send(HttpRequest.newBuilder(baseUrl().resolve("/api/products"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void kill() {
        process.kill();
    }

    void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    public ManagedProcess process() {
        return process;
    }
}
