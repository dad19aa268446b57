package dev.flashsale.benchmark;

import static dev.flashsale.benchmark.BenchSamples.openStep;
import static dev.flashsale.benchmark.BenchSamples.sweep;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SustainedRateTest {

    private static final BenchOptions.OpenSweep SWEEP = sweep(250.0, 500.0, 1000.0, 2000.0);

    @Test
    void theHighestRateWhoseP99MetTheBoundCountsEvenAfterAMissedStep() {
        List<Figures> steps = List.of(openStep(Bench.CONDITIONAL, 250, 4), openStep(Bench.CONDITIONAL, 500, 60),
                openStep(Bench.CONDITIONAL, 1000, 45), openStep(Bench.CONDITIONAL, 2000, 900));

        SustainedRate rate = SustainedRate.of(Bench.CONDITIONAL, steps, SWEEP);

        assertThat(rate.highestRate()).isEqualTo(1000.0);
        assertThat(rate.steps()).isEqualTo(4);
        assertThat(rate.gaveUp()).isFalse();
    }

    @Test
    void aStepMissingTheBoundByFarStopsTheStepping() {
        assertThat(SustainedRate.giveUp(openStep(Bench.FLASHSALE, 500, 1001), Duration.ofSeconds(1))).isTrue();
        assertThat(SustainedRate.giveUp(openStep(Bench.FLASHSALE, 500, 999), Duration.ofSeconds(1))).isFalse();

        SustainedRate rate = SustainedRate.of(Bench.FLASHSALE, List.of(openStep(Bench.FLASHSALE, 250, 5000)), SWEEP);

        assertThat(rate.highestRate()).isNull();
        assertThat(rate.gaveUp()).isTrue();
    }

    @Test
    void aFastStepThatDroppedBuyersIsNotSustained() {
        Figures errors = openStep(Bench.FLASHSALE, 1000, 5, Map.of("202", 990L, "503", 10L));
        Figures oneLostConnection = openStep(Bench.FLASHSALE, 1000, 5, Map.of("202", 999L, "0", 1L));
        Figures unanswered = openStep(Bench.FLASHSALE, 1000, 5, Map.of("202", 900L));

        assertThat(SustainedRate.sustained(errors, Duration.ofMillis(50))).isFalse();
        assertThat(SustainedRate.sustained(oneLostConnection, Duration.ofMillis(50))).isTrue();
        assertThat(SustainedRate.sustained(unanswered, Duration.ofMillis(50))).isFalse();
    }

    @Test
    void soldOutAnswersAreAnswersNotErrors() {
        Figures soldOut = openStep(Bench.FLASHSALE, 1000, 5, Map.of("202", 500L, "409", 500L));

        assertThat(SustainedRate.sustained(soldOut, Duration.ofMillis(50))).isTrue();
    }

    @Test
    void theRatioNeedsBothSystemsToHaveSustainedARate() {
        List<SustainedRate> rates = List.of(new SustainedRate(Bench.FLASHSALE, 500.0, 3, true),
                new SustainedRate(Bench.CONDITIONAL, 2000.0, 4, false),
                new SustainedRate(Bench.FOR_UPDATE, null, 1, true));

        assertThat(SustainedRate.ratio(rates, Bench.FLASHSALE, Bench.CONDITIONAL)).contains(0.25);
        assertThat(SustainedRate.ratio(rates, Bench.FLASHSALE, Bench.FOR_UPDATE)).isEmpty();
    }
}
