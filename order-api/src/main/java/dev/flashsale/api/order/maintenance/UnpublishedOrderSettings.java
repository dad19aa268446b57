package dev.flashsale.api.order.maintenance;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@link UnpublishedOrderSweeper}.
 *
 * @param grace         how old an unpublished order must be before it is published again; longer than
 *                      {@code flashsale.publish.timeout}, so that a request still waiting for its acknowledgement keeps
 *                      its order to itself (checked at start)
 * @param sweepInterval how often the orders are looked for
 * @param batchSize     the most orders taken in one sweep
 */
@ConfigurationProperties("flashsale.unpublished-orders")
public record UnpublishedOrderSettings(Duration grace, Duration sweepInterval, int batchSize) {

    public UnpublishedOrderSettings {
        Objects.requireNonNull(grace, "flashsale.unpublished-orders.grace");
        Objects.requireNonNull(sweepInterval, "flashsale.unpublished-orders.sweep-interval");
        if (sweepInterval.isNegative() || sweepInterval.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("flashsale.unpublished-orders.sweep-interval and batch-size must be "
                    + "positive");
        }
    }
}
