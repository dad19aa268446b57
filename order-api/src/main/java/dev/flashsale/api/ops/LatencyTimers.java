package dev.flashsale.api.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The order flow's latency histograms, all of one shape (1 ms to 60 s, percentile buckets), so that the steps of an
 * order's path can be compared and summed over any window and any number of instances.
 */
public final class LatencyTimers {

    private LatencyTimers() {
    }

    /** A histogram of {@code name} with the tags given as key, value, key, value… */
    public static Timer register(MeterRegistry registry, String name, String description, String... tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** Clocks of two machines, or one clock set back: a step can look shorter than nothing. */
    public static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
