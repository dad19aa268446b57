package dev.flashsale.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.chaos.fault.UnsafeSpans.Span;
import dev.flashsale.chaos.load.SaleCounters.FirstAttempt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two followers of the hot partition are paused from t=100 to t=200: the leader alone can take no write. */
class UnsafeAcknowledgementsTest {

    private static final List<Span> PAUSED = List.of(new Span(100, 200));

    @Test
    void refusalsWhileBelowMinIsrAndAcknowledgementsAroundItAreNoViolation() {
        List<FirstAttempt> attempts = List.of(
                new FirstAttempt("b-1", 110, 160, 503),
                new FirstAttempt("b-2", 90, 150, 202),
                new FirstAttempt("b-3", 150, 230, 202),
                new FirstAttempt("b-4", 210, 220, 202));

        Check check = UnsafeAcknowledgements.check(PAUSED, attempts);

        assertThat(check.violations()).isZero();
        assertThat(check.figure()).isEqualTo("1 spans, 1 orders sent and answered in them, 1 answered 503");
    }

    @Test
    void findsAnOrderAcknowledgedByTheLeaderAloneAsAcksOneWouldDo() {
        List<FirstAttempt> attempts = List.of(
                new FirstAttempt("b-1", 110, 160, 503),
                new FirstAttempt("b-2", 120, 125, 202));

        Check check = UnsafeAcknowledgements.check(PAUSED, attempts);

        assertThat(check.violations()).isEqualTo(1);
        assertThat(check.examples()).containsExactly("b-2 answered 202");
        assertThat(check.eventual()).isFalse();
    }

    @Test
    void withoutAPauseThereIsNothingToFind() {
        Check check = UnsafeAcknowledgements.check(List.of(), List.of(new FirstAttempt("b-1", 110, 125, 202)));

        assertThat(check.violations()).isZero();
    }
}
