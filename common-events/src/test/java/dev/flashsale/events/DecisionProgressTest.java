package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionProgressTest {

    private static final Instant NOW = Instant.parse("2026-12-12T00:00:01Z");

    @Test
    void countsTheRequestItselfWhileItIsNotProcessed() {
        DecisionProgress progress = new DecisionProgress(0, 10, 5.0, NOW);

        assertThat(progress.undecidedUpTo(10)).isEqualTo(1);
        assertThat(progress.undecidedUpTo(14)).isEqualTo(5);
    }

    @Test
    void countsNothingOnceTheRequestIsProcessed() {
        DecisionProgress progress = new DecisionProgress(0, 10, 5.0, NOW);

        assertThat(progress.undecidedUpTo(9)).isZero();
        assertThat(progress.undecidedUpTo(0)).isZero();
    }

    @Test
    void refusesANegativeOrUnknownRate() {
        assertThatThrownBy(() -> new DecisionProgress(0, 10, -1.0, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionProgress(0, 10, Double.NaN, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
