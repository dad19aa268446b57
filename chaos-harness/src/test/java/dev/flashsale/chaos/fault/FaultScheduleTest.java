package dev.flashsale.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static final Duration SALE = Duration.ofSeconds(60);

    @Test
    void theSameSeedGivesTheSameKindsInTheSameOrderAtTheSameMoments() {
        List<PlannedFault> first = FaultSchedule.draw(new Random(42), SALE, 3);
        List<PlannedFault> again = FaultSchedule.draw(new Random(42), SALE, 3);

        assertThat(again).isEqualTo(first);
        assertThat(FaultSchedule.draw(new Random(43), SALE, 3)).isNotEqualTo(first);
    }

    @Test
    void injectsEveryKindAtLeastOnceAndTheExtraOnesOnTop() {
        List<PlannedFault> schedule = FaultSchedule.draw(new Random(7), SALE, 4);

        assertThat(schedule).hasSize(FaultKind.values().length + 4);
        assertThat(schedule).extracting(PlannedFault::kind).contains(FaultKind.values());
    }

    @Test
    void drawsTheBrokerLossFaultsOnlyWhenThereIsABrokerToFailOverTo() {
        List<PlannedFault> one = FaultSchedule.draw(new Random(7), SALE, 20, FaultKind.forBrokers(1));
        List<PlannedFault> three = FaultSchedule.draw(new Random(7), SALE, 0, FaultKind.forBrokers(3));

        assertThat(one).extracting(PlannedFault::kind).doesNotContain(FaultKind.KILL_LEADER,
                FaultKind.KILL_COORDINATOR, FaultKind.PAUSE_BROKERS, FaultKind.PARTITION_PROCESSOR,
                FaultKind.PARTITION_API);
        assertThat(three).extracting(PlannedFault::kind).containsExactlyInAnyOrder(FaultKind.values());
    }

    @Test
    void placesFaultsInOrderWithinTheFirstPartOfTheSale() {
        for (long seed = 0; seed < 200; seed++) {
            List<PlannedFault> schedule = FaultSchedule.draw(new Random(seed), SALE, 2);

            assertThat(schedule).isSortedAccordingTo(java.util.Comparator.comparing(PlannedFault::at));
            assertThat(schedule).allSatisfy(fault -> {
                assertThat(fault.at()).isBetween(Duration.ofSeconds(1),
                        Duration.ofMillis((long) (SALE.toMillis() * FaultSchedule.WINDOW_SHARE)));
                assertThat(fault.hold()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
            });
        }
    }
}
