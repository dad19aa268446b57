package dev.flashsale.api.order.placing;

import dev.flashsale.api.ops.LatencyTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The first steps of a buyer's wait, measured from the request: its order row committed ({@code recorded}) and its
 * events acknowledged by Kafka ({@code published}). With the decision latency and the end-to-end latency of the
 * read model they split a buyer's wait into the steps of the order's path, so that an operator sees which one grows
 * when a sale slows down.
 */
@Component
public class PlacingLatency {

    static final String NAME = "flashsale.order.placing.latency";

    private final Clock clock;
    private final Timer recorded;
    private final Timer published;

    PlacingLatency(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.recorded = LatencyTimers.register(registry, NAME,
                "From the order request to its row committed with its batch", "step", "recorded");
        this.published = LatencyTimers.register(registry, NAME,
                "From the order request to Kafka's acknowledgement of it", "step", "published");
    }

    /** The order requested at {@code requestedAt} was committed to the database. */
    public void recorded(Instant requestedAt) {
        recorded.record(since(requestedAt));
    }

    /** Kafka acknowledged the events of the order requested at {@code requestedAt}. */
    public void published(Instant requestedAt) {
        published.record(since(requestedAt));
    }

    private Duration since(Instant requestedAt) {
        return LatencyTimers.nonNegative(Duration.between(requestedAt, clock.instant()));
    }
}
