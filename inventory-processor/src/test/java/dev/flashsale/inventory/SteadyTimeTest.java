package dev.flashsale.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SteadyTimeTest {

    private static final long START_MS = 1_780_000_000_000L;

    private final AtomicLong monotonicNanos = new AtomicLong(42_000_000_000L);
    private final AtomicLong wallStepMs = new AtomicLong();
    private final SteadyTime time = new SteadyTime(this::wallMillis, monotonicNanos::get);

    private long wallMillis() {
        return START_MS + Duration.ofNanos(monotonicNanos.get() - 42_000_000_000L).toMillis() + wallStepMs.get();
    }

    @Test
    void startsAtTheWallClockAndMovesOnWithTheMonotonicClock() {
        assertThat(time.milliseconds()).isEqualTo(START_MS);

        monotonicNanos.addAndGet(Duration.ofMillis(1_500).toNanos());

        assertThat(time.milliseconds()).isEqualTo(START_MS + 1_500);
    }

    @Test
    void ignoresAWallClockSteppedForward() {
        monotonicNanos.addAndGet(Duration.ofSeconds(3).toNanos());
        wallStepMs.set(Duration.ofMinutes(10).toMillis());

        monotonicNanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(time.milliseconds()).isEqualTo(START_MS + 5_000);
    }

    @Test
    void keepsMovingForwardWhenTheWallClockStepsBack() {
        monotonicNanos.addAndGet(Duration.ofSeconds(3).toNanos());
        long before = time.milliseconds();
        wallStepMs.set(-Duration.ofMinutes(10).toMillis());

        monotonicNanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(time.milliseconds()).isEqualTo(before + 2_000).isEqualTo(START_MS + 5_000);
    }
}
