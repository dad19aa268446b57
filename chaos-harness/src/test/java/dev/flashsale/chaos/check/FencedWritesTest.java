package dev.flashsale.chaos.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.chaos.check.FencedWrites.Written;
import dev.flashsale.chaos.fault.Cutoff;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * processor-1 is partitioned from the brokers; the group has moved on to processor-2 when results-0 ends at offset 10
 * and stock-levels-0 at 4, and processor-1 is back in the group when they end at 30 and 9.
 */
class FencedWritesTest {

    private static final TopicPartition RESULTS = new TopicPartition("flashsale.order-results", 0);
    private static final TopicPartition LEVELS = new TopicPartition("flashsale.stock-levels", 0);
    private static final Cutoff CUT_OFF = new Cutoff("processor-1", Map.of(RESULTS, 10L, LEVELS, 4L),
            Map.of(RESULTS, 30L, LEVELS, 9L));

    @Test
    void theNewOwnerAloneWritesFromItsFirstRecordUntilTheCutOffInstanceRejoins() {
        Map<TopicPartition, List<Written>> log = Map.of(
                RESULTS, List.of(by("processor-1", 8), by("processor-2", 9),
                        by("processor-1", 10), // committed before the group moved on, replicated after
                        by("processor-2", 12), by("processor-2", 13), by("processor-2", 29),
                        by("processor-1", 31)), // back in the group
                LEVELS, List.of(by("processor-1", 3), by("processor-2", 5), by("processor-2", 8)));

        Check check = new FencedWrites(List.of(CUT_OFF), log).check();

        assertThat(check.violations()).isZero();
        assertThat(check.figure()).isEqualTo("1 cut-offs; the new owner wrote in 2 partitions, 3 records after its"
                + " first; 10 stamped records read");
    }

    @Test
    void findsTheCutOffInstancesRecordsCommittedAfterTheNewOwnersAsWithoutExactlyOnce() {
        Map<TopicPartition, List<Written>> log = Map.of(
                RESULTS, List.of(by("processor-2", 12), by("processor-1", 15), by("processor-2", 16),
                        by("processor-1", 17)),
                LEVELS, List.of(by("processor-2", 5), by("processor-1", 6)));

        Check check = new FencedWrites(List.of(CUT_OFF), log).check();

        assertThat(check.violations()).isEqualTo(3);
        assertThat(check.examples()).containsExactlyInAnyOrder(
                "flashsale.order-results-0@15 by processor-1 after processor-2's at 12",
                "flashsale.order-results-0@17 by processor-1 after processor-2's at 12",
                "flashsale.stock-levels-0@6 by processor-1 after processor-2's at 5");
        assertThat(check.eventual()).isFalse();
    }

    @Test
    void fencesForTheRestOfTheLogAnInstanceThatNeverCameBack() {
        Cutoff neverBack = new Cutoff("processor-1", Map.of(RESULTS, 10L), Map.of());
        Map<TopicPartition, List<Written>> log = Map.of(RESULTS, List.of(by("processor-2", 11),
                by("processor-1", 500)));

        Check check = new FencedWrites(List.of(neverBack), log).check();

        assertThat(check.examples()).containsExactly(
                "flashsale.order-results-0@500 by processor-1 after processor-2's at 11");
    }

    @Test
    void withoutACutOffThereIsNothingToFind() {
        Check check = new FencedWrites(List.of(), Map.of(RESULTS, List.of(by("processor-2", 1),
                by("processor-1", 2)))).check();

        assertThat(check.violations()).isZero();
    }

    private static Written by(String instance, long offset) {
        return new Written(offset, instance);
    }
}
