package dev.flashsale.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuCostTest {

    @Test
    void flashsalesCostIsEveryProcessOfItsOwnButNotTheLoadGenerator() {
        Map<String, ProcessWatch.Usage> processes = Map.of("order-api", cpu(6), "inventory-processor", cpu(1),
                "kafka", cpu(1.5), "postgres", cpu(0.5), ProcessWatch.LOAD_GENERATOR, cpu(4));

        Optional<Double> seconds = CpuCost.systemCpuSeconds(Bench.FLASHSALE, processes);

        assertThat(seconds).contains(9.0);
        assertThat(CpuCost.msPer(seconds, 1000)).isEqualTo(9.0);
        assertThat(CpuCost.msPer(seconds, 50_000)).isEqualTo(0.18);
    }

    @Test
    void aBaselinesCostIsItsAppAndPostgres() {
        Map<String, ProcessWatch.Usage> processes = Map.of("baseline", cpu(2), "postgres", cpu(1),
                ProcessWatch.LOAD_GENERATOR, cpu(3));

        assertThat(CpuCost.systemCpuSeconds(Bench.CONDITIONAL, processes)).contains(3.0);
    }

    @Test
    void noCostWithoutTheSystemsOwnProcessOrWithoutUnits() {
        Map<String, ProcessWatch.Usage> postgresOnly = Map.of("postgres", cpu(1), ProcessWatch.LOAD_GENERATOR, cpu(3));

        assertThat(CpuCost.systemCpuSeconds(Bench.FLASHSALE, postgresOnly)).isEmpty();
        assertThat(CpuCost.msPer(Optional.empty(), 1000)).isNull();
        assertThat(CpuCost.msPer(Optional.of(2.0), 0)).isNull();
    }

    private static ProcessWatch.Usage cpu(double seconds) {
        return new ProcessWatch.Usage(1, seconds, seconds / 10, -1, -1, 0);
    }
}
