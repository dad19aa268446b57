package dev.flashsale.api.order.status;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code GET /api/orders/{id}?wait=...} and {@code POST /api/orders} with {@code Prefer: wait}.
 *
 * @param maxWait           the longest wait a client may ask for; longer ones are shortened to it
 * @param recheckInterval   how often waiting orders are looked up in the read model, for results that another API
 *                          instance consumed
 * @param maxWaiting        how many requests may wait at once (long-polls and submissions with {@code Prefer: wait});
 *                          past it a request is answered at once with the order as it stands
 * @param maxWaitingThreads how many of them may be submissions waiting on their own request thread; past it a
 *                          submission with {@code Prefer: wait} is answered {@code 202} at once
 */
@ConfigurationProperties("flashsale.long-poll")
public record LongPollSettings(Duration maxWait, Duration recheckInterval, Integer maxWaiting,
        Integer maxWaitingThreads) {

    public LongPollSettings {
        Objects.requireNonNull(maxWait, "flashsale.long-poll.max-wait");
        Objects.requireNonNull(recheckInterval, "flashsale.long-poll.recheck-interval");
        Objects.requireNonNull(maxWaiting, "flashsale.long-poll.max-waiting");
        Objects.requireNonNull(maxWaitingThreads, "flashsale.long-poll.max-waiting-threads");
        if (maxWait.isNegative() || recheckInterval.isNegative() || recheckInterval.isZero()) {
            throw new IllegalArgumentException("flashsale.long-poll durations must be positive");
        }
        if (maxWaiting < 0 || maxWaitingThreads < 0) {
            throw new IllegalArgumentException("flashsale.long-poll.max-waiting and max-waiting-threads must not be"
                    + " negative");
        }
    }
}
