package dev.flashsale.api.kafka;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timeout how long a request waits for the broker to acknowledge its event before it answers 503; keep it
 *                above the producer's {@code delivery.timeout.ms}
 */
@ConfigurationProperties("flashsale.publish")
public record PublishSettings(Duration timeout) {

    public PublishSettings {
        Objects.requireNonNull(timeout, "flashsale.publish.timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("flashsale.publish.timeout must be positive but was " + timeout);
        }
    }
}
