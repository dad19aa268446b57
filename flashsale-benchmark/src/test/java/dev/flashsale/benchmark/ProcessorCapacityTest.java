package dev.flashsale.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessorCapacityTest {

    @Test
    void theDrainCountsTheDecisionsAfterTheFlushOverTheTimeToTheLastOne() {
        ProcessorCapacity.Drain drain = ProcessorCapacity.Drain.of(200_000, 1_000, 21_000, 141_000, 180_000, 120,
                96);

        assertThat(drain.produceSeconds()).isEqualTo(20.0);
        assertThat(drain.drainSeconds()).isEqualTo(120.0);
        assertThat(drain.drainPerSecond()).isEqualTo(1500.0);
        assertThat(drain.drainCpuMicrosPerDecision()).isEqualTo(533.33);
        assertThat(drain.wholeRunPerSecond()).isEqualTo(1428.57);
        assertThat(drain.cpuMicrosPerDecision()).isEqualTo(600.0);
    }

    @Test
    void aProcessorThatKeptUpWithTheProducerHasNoDrain() {
        ProcessorCapacity.Drain drain = ProcessorCapacity.Drain.of(30_000, 0, 2_000, 1_990, 0, 3, 0.01);

        assertThat(drain.drainPerSecond()).isNull();
        assertThat(drain.drainCpuMicrosPerDecision()).isNull();
        assertThat(drain.wholeRunPerSecond()).isEqualTo(15075.38);
    }
}
