package dev.flashsale.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
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

    @Test
    void spreadsASoaksFaultsOverTheWholeOfItWithAMinuteToRecoverAfterEach() {
        for (Duration soak : List.of(Duration.ofMinutes(10), Duration.ofMinutes(60), Duration.ofSeconds(100))) {
            for (long seed = 0; seed < 50; seed++) {
                List<PlannedFault> schedule = FaultSchedule.spread(new Random(seed), soak, FaultKind.forBrokers(3));

                int count = (int) (soak.toSeconds() / FaultSchedule.SOAK_SLOT.toSeconds());
                Duration slot = soak.dividedBy(count);
                assertThat(schedule).hasSize(count);
                for (int i = 0; i < count; i++) {
                    assertThat(schedule.get(i).at()).as("fault %d of %s", i, soak)
                            .isBetween(slot.multipliedBy(i), slot.multipliedBy(i).plus(slot.dividedBy(3)));
                }
                assertThat(schedule.get(count - 1).at()).as("the last fault falls in the soak's last slot")
                        .isGreaterThanOrEqualTo(soak.minus(slot));
                for (int i = 1; i < count; i++) {
                    assertThat(schedule.get(i).at().minus(schedule.get(i - 1).at()))
                            .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
                }
            }
        }
    }

    @Test
    void aSoakCyclesThroughEveryKindTheBrokersAllowBeforeRepeatingOne() {
        List<FaultKind> three = FaultKind.forBrokers(3);
        List<PlannedFault> hour = FaultSchedule.spread(new Random(5), Duration.ofMinutes(60), three);
        List<PlannedFault> oneBroker = FaultSchedule.spread(new Random(5), Duration.ofMinutes(60),
                FaultKind.forBrokers(1));

        long perKind = 40 / three.size();
        assertThat(hour).hasSize(40);
        assertThat(hour.subList(0, three.size())).extracting(PlannedFault::kind)
                .containsExactlyInAnyOrderElementsOf(three);
        assertThat(hour.subList(three.size(), 2 * three.size())).extracting(PlannedFault::kind)
                .containsExactlyInAnyOrderElementsOf(three);
        Map<FaultKind, Long> byKind = hour.stream().collect(Collectors.groupingBy(PlannedFault::kind,
                Collectors.counting()));
        assertThat(byKind).hasSize(three.size())
                .allSatisfy((kind, count) -> assertThat(count).isBetween(perKind, perKind + 1));
        assertThat(oneBroker).extracting(PlannedFault::kind).containsAll(FaultKind.forBrokers(1))
                .doesNotContain(FaultKind.KILL_LEADER, FaultKind.KILL_COORDINATOR, FaultKind.PAUSE_BROKERS);
    }

    @Test
    void theSameSeedSpreadsTheSameSoak() {
        Duration hour = Duration.ofMinutes(60);
        List<PlannedFault> first = FaultSchedule.spread(new Random(42), hour, FaultKind.forBrokers(3));

        assertThat(FaultSchedule.spread(new Random(42), hour, FaultKind.forBrokers(3))).isEqualTo(first);
        assertThat(FaultSchedule.spread(new Random(43), hour, FaultKind.forBrokers(3))).isNotEqualTo(first);
    }
}
