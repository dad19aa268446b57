package dev.flashsale.api.order;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GET /api/orders/{id}?wait=...}.
 *
 * @param maxWait         the longest wait a client may ask for; longer ones are shortened to it
 * @param recheckInterval how often waiting orders are looked up in the read model, for results that another API
 *                        instance consumed
 */
@ConfigurationProperties("flashsale.long-poll")
public record LongPollSettings(Duration maxWait, Duration recheckInterval) {

    public LongPollSettings {
        Objects.requireNonNull(maxWait, "flashsale.long-poll.max-wait");
        Objects.requireNonNull(recheckInterval, "flashsale.long-poll.recheck-interval");
        if (maxWait.isNegative() || recheckInterval.isNegative() || recheckInterval.isZero()) {
            throw new IllegalArgumentException("flashsale.long-poll durations must be positive");
        }
    }
}
