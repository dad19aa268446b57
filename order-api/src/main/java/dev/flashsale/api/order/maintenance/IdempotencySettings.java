package dev.flashsale.api.order.maintenance;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param retention       how long an Idempotency-Key is remembered after its order was placed; at least a day, so a
 *                        client may retry for that long and get its original answer
 * @param cleanupInterval how often keys older than that are forgotten
 */
@ConfigurationProperties("flashsale.idempotency")
public record IdempotencySettings(Duration retention, Duration cleanupInterval) {

    static final Duration MIN_RETENTION = Duration.ofHours(24);

    public IdempotencySettings {
        Objects.requireNonNull(retention, "flashsale.idempotency.retention");
        Objects.requireNonNull(cleanupInterval, "flashsale.idempotency.cleanup-interval");
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("flashsale.idempotency.retention must be at least " + MIN_RETENTION
                    + " but was " + retention);
        }
    }
}
