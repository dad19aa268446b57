package dev.flashsale.api.order.placing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlacingLatencyTest {

    private static final Instant NOW = Instant.parse("2026-12-12T12:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PlacingLatency latency = new PlacingLatency(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void timesEachStepFromTheRequest() {
        latency.recorded(NOW.minusMillis(7));
        latency.published(NOW.minusMillis(19));

        assertThat(step("recorded").count()).isEqualTo(1);
        assertThat(step("recorded").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
        assertThat(step("published").count()).isEqualTo(1);
        assertThat(step("published").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(19.0);
    }

    @Test
    void aRequestTimeAheadOfTheClockCountsAsNoTime() {
        latency.published(NOW.plusMillis(3));

        assertThat(step("published").totalTime(TimeUnit.MILLISECONDS)).isZero();
    }

    private Timer step(String step) {
        return registry.get(PlacingLatency.NAME).tag("step", step).timer();
    }
}
