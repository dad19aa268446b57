package dev.flashsale.api.order.status;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GET /api/orders/{id}/events}.
 *
 * @param heartbeat how often every open stream gets a comment line, so that proxies and load balancers that close idle
 *                  connections keep it, and a client that went away is noticed at the next write
 * @param maxOpen   how many streams this instance holds open at once; past it a new stream is answered {@code 503}
 *                  with {@code Retry-After}
 */
@ConfigurationProperties("flashsale.status-streams")
public record StatusStreamSettings(Duration heartbeat, Integer maxOpen) {

    public StatusStreamSettings {
        Objects.requireNonNull(heartbeat, "flashsale.status-streams.heartbeat");
        Objects.requireNonNull(maxOpen, "flashsale.status-streams.max-open");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("flashsale.status-streams.heartbeat must be positive");
        }
        if (maxOpen < 0) {
            throw new IllegalArgumentException("flashsale.status-streams.max-open must not be negative");
        }
    }
}
